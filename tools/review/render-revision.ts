// Renders a checkout with its OWN renderer (`main.ts --out <dir>`), so a base revision is rendered
// exactly as it was committed. A git ref is checked out in a temporary worktree that shares
// node_modules with the main checkout; the worktree is always removed afterwards.
// The working tree is rendered in-process, in parallel with the base render's child process.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileMap, type FileMap } from './file-map';
import { git, readBlobs, resolveCommit } from './git';
import { pinsOfEnvironmentText, type EnvironmentPins } from './version-pins';

export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;

export interface RenderedState {
  readonly files: FileMap;
  readonly pins: EnvironmentPins;
}

/** Renders the checkout at `dir` (its working tree as it is) into a temporary folder. */
export async function renderCheckout(dir: string): Promise<RenderedState> {
  const out = mkdtempSync(join(tmpdir(), 'gridata-render-'));
  try {
    await runRenderer(dir, join(out, 'dist'));
    return { files: readFileMap(join(out, 'dist')), pins: pinsOfCheckout(dir) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Renders the working tree of the checkout at `dir` in this process with its own render pipeline
 * (render/pipeline.ts renderAll; main.ts renderAll in revisions that predate render/), leaving the
 * other core free for a base render running beside it.
 */
export async function renderCheckoutInProcess(dir: string): Promise<RenderedState> {
  return { files: (await inProcessRenderer(dir))(join(dir, 'environments')), pins: pinsOfCheckout(dir) };
}

async function inProcessRenderer(dir: string): Promise<(environmentsDir: string) => FileMap> {
  const pipeline = [join(dir, 'render', 'pipeline.ts'), join(dir, 'main.ts')].find((f) => existsSync(f)) ?? join(dir, 'render', 'pipeline.ts');
  // import() rather than require(): it goes through whichever TypeScript loader runs us (tsx, vitest).
  const loaded = (await import(pathToFileURL(pipeline).href)) as RendererModule & { default?: RendererModule };
  const renderAll = loaded.renderAll ?? loaded.default?.renderAll;
  if (typeof renderAll !== 'function') throw new Error(`${pipeline} does not export renderAll()`);
  return renderAll;
}

/**
 * Renders the working tree of the checkout at `dir` in this process with its environment files,
 * except `environments/<env>.yaml`, which is taken from `baseCommit` (the blast-radius
 * classification: what the head's shared code does to `env` on its own). Throws when the base
 * revision has no such file or the head's renderer refuses it.
 */
export async function renderWithBaseEnvironmentFile(dir: string, baseCommit: string, env: string): Promise<FileMap> {
  const path = `environments/${env}.yaml`;
  const baseText = readBlobs(dir, [`${baseCommit}:${path}`]).get(`${baseCommit}:${path}`);
  if (baseText === undefined) throw new Error(`${path} does not exist at ${baseCommit.slice(0, 12)}`);
  const scratch = mkdtempSync(join(tmpdir(), 'gridata-mixed-'));
  try {
    for (const name of ENVIRONMENT_NAMES) {
      const headFile = join(dir, 'environments', `${name}.yaml`);
      if (name === env) writeFileSync(join(scratch, `${name}.yaml`), baseText);
      else if (existsSync(headFile)) writeFileSync(join(scratch, `${name}.yaml`), readFileSync(headFile, 'utf8'));
    }
    return (await inProcessRenderer(dir))(scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

interface RendererModule {
  renderAll?: (environmentsDir?: string) => FileMap;
}

/**
 * Renders `ref` of the repository at `repoDir` in a temporary worktree. A commit's rendering
 * depends only on its tree and the installed packages, so it is cached in .cache/rendered/.
 */
export async function renderRevision(repoDir: string, ref: string, options: { cache?: boolean } = {}): Promise<RenderedState & { commit: string }> {
  const commit = resolveCommit(repoDir, ref);
  const cacheFile = join(repoDir, '.cache', 'rendered', `${commit}-${packagesFingerprint(repoDir)}.json`);
  if (options.cache !== false && existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: [string, string][]; pins: [string, [string, string][]][] };
    return { commit, files: new Map(cached.files), pins: new Map(cached.pins.map(([env, p]) => [env, new Map(p)])) };
  }
  const state = await renderRevisionUncached(repoDir, commit);
  if (options.cache !== false) {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const serialised = { files: [...state.files], pins: [...state.pins].map(([env, p]) => [env, [...p]]) };
    writeFileSync(`${cacheFile}.${process.pid}`, JSON.stringify(serialised));
    renameSync(`${cacheFile}.${process.pid}`, cacheFile);
    pruneCache(dirname(cacheFile));
  }
  return { ...state, commit };
}

const CACHE_ENTRIES = 20;

/** Keeps the most recently written renders only (each is about a megabyte). */
function pruneCache(dir: string): void {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { file } of entries.slice(CACHE_ENTRIES)) rmSync(file, { force: true });
}

/** Identifies the installed packages (the lock file), part of what a render depends on. */
function packagesFingerprint(repoDir: string): string {
  const lock = join(repoDir, 'package-lock.json');
  return createHash('sha1').update(existsSync(lock) ? readFileSync(lock) : '').digest('hex').slice(0, 12);
}

async function renderRevisionUncached(repoDir: string, commit: string): Promise<RenderedState> {
  const scratch = mkdtempSync(join(tmpdir(), 'gridata-base-'));
  const tree = join(scratch, 'tree');
  git(repoDir, ['worktree', 'add', '--detach', '--quiet', tree, commit]);
  try {
    const modules = join(repoDir, 'node_modules');
    if (existsSync(modules) && !existsSync(join(tree, 'node_modules'))) symlinkSync(modules, join(tree, 'node_modules'), 'dir');
    return await renderCheckout(tree);
  } finally {
    try {
      git(repoDir, ['worktree', 'remove', '--force', tree]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

export function pinsOfCheckout(dir: string): EnvironmentPins {
  const pins: EnvironmentPins = new Map();
  for (const env of ENVIRONMENT_NAMES) {
    const file = join(dir, 'environments', `${env}.yaml`);
    pins.set(env, pinsOfEnvironmentText(existsSync(file) ? readFileSync(file, 'utf8') : undefined));
  }
  return pins;
}

function runRenderer(dir: string, outDir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // CDK8S_OUTDIR_GRIDATA covers revisions whose main.ts predates the --out flag.
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts', '--out', outDir], {
      cwd: dir,
      env: { ...process.env, CDK8S_OUTDIR_GRIDATA: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && existsSync(outDir)) resolvePromise();
      else reject(new Error(`rendering ${dir} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
