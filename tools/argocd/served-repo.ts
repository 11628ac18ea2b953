// A temporary clone of this repository that the loop commits to and serves (bare, over smart HTTP).
// Its first commits are the checkout as it is (uncommitted changes included) and the one change no
// Argo CD install here can do without: the environments' repository URL in dist/ replaced by the
// loopback server's. Every later render in the clone gets the same replacement, so a test commit
// differs from its parent by exactly what the tool that made it changed.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

export const SERVED_NAME = 'gridata.git';

export interface ServedRepository {
  /** Working clone: edit, render and commit here. */
  readonly workDir: string;
  /** The URL Argo CD reads: `<server>/gridata.git`. */
  readonly url: string;
  /** The repository URLs of the environment files, replaced by `url` in dist/. */
  readonly upstreamUrls: string[];
  git(...args: string[]): string;
  /** Replaces the upstream URLs in dist/ (after a render), commits everything and publishes it; returns the commit. */
  commit(message: string): string;
  /** `npm run <script> -- args` in the clone (a render, a promotion), with this process's environment. */
  npm(script: string, args?: string[]): string;
}

const GIT_IDENTITY = ['-c', 'user.name=validate-argocd', '-c', 'user.email=validate-argocd@localhost', '-c', 'commit.gpgsign=false'];

function run(cwd: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const result = spawnSync(cmd, args, { cwd, env: env ?? process.env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${result.status}: ${(result.stderr || result.stdout).trim().slice(-2000)}`);
  }
  return result.stdout;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every occurrence of `from` in dist/**\/*.yaml replaced by `to`; returns the number of files changed. */
export function replaceInDist(workDir: string, from: readonly string[], to: string): number {
  let changed = 0;
  for (const file of filesUnder(join(workDir, 'dist')).filter((f) => f.endsWith('.yaml'))) {
    const text = readFileSync(file, 'utf8');
    let next = text;
    for (const url of from) next = next.split(url).join(to);
    if (next !== text) {
      writeFileSync(file, next);
      changed++;
    }
  }
  return changed;
}

export function environmentRepoUrls(repoRoot: string): string[] {
  const dir = join(repoRoot, 'environments');
  const urls = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => (parse(readFileSync(join(dir, f), 'utf8')) as { argocd?: { repoURL?: string } })?.argocd?.repoURL)
    .filter((u): u is string => typeof u === 'string');
  return [...new Set(urls)];
}

/**
 * Clones `repoRoot` (its HEAD plus the uncommitted and untracked changes of its work tree) into
 * `<dir>/work`, publishes it as `<dir>/served/gridata.git` and points dist/ at `serverUrl`.
 */
export function createServedRepository(repoRoot: string, dir: string, serverUrl: string): ServedRepository {
  const workDir = join(dir, 'work');
  const bare = join(dir, 'served', SERVED_NAME);
  mkdirSync(dirname(bare), { recursive: true });
  run(dir, 'git', ['clone', '--quiet', '--no-local', repoRoot, workDir]);
  const git = (...args: string[]) => run(workDir, 'git', [...GIT_IDENTITY, ...args]);
  git('checkout', '--quiet', '-B', 'main');
  // The work tree as it is, so an uncommitted change is what Argo CD sees.
  const patch = execFileSync('git', ['-C', repoRoot, 'diff', 'HEAD', '--binary'], { maxBuffer: 256 * 1024 * 1024 });
  if (patch.length > 0) execFileSync('git', ['-C', workDir, 'apply', '--whitespace=nowarn', '-'], { input: patch });
  const untracked = run(repoRoot, 'git', ['ls-files', '--others', '--exclude-standard', '-z']).split('\0').filter(Boolean);
  for (const file of untracked) {
    if (file === 'node_modules' || file.startsWith('node_modules/')) continue;
    mkdirSync(dirname(join(workDir, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(workDir, file));
  }
  git('add', '-A');
  if (git('status', '--porcelain').trim()) git('commit', '--quiet', '-m', 'validate:argocd: the checkout as it is');
  if (!existsSync(join(workDir, 'node_modules'))) symlinkSync(join(repoRoot, 'node_modules'), join(workDir, 'node_modules'));
  git('config', 'core.excludesFile', '/dev/null');
  writeFileSync(join(workDir, '.git', 'info', 'exclude'), 'node_modules\n.cache/\n');

  run(dir, 'git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  run(bare, 'git', ['config', 'http.receivepack', 'false']);
  git('remote', 'add', 'served', bare);

  const url = `${serverUrl}/${SERVED_NAME}`;
  const upstreamUrls = environmentRepoUrls(workDir);
  const commit = (message: string) => {
    replaceInDist(workDir, upstreamUrls, url);
    git('add', '-A');
    if (git('status', '--porcelain').trim()) git('commit', '--quiet', '-m', message);
    git('push', '--quiet', '--force', 'served', 'main');
    return git('rev-parse', 'HEAD').trim();
  };
  const npm = (script: string, args: string[] = []) =>
    run(workDir, 'npm', ['run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])], process.env);
  commit(`validate:argocd: dist/ reads ${url} instead of ${upstreamUrls.join(', ')}`);
  return { workDir, url, upstreamUrls, git, commit, npm };
}
