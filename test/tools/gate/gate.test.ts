// The blast-radius gate on a throw-away repository holding this checkout's sources: each case is a
// branch off `main` with real commits, checked by the real commands (`npm run gate`, `npm run diff`,
// `npm run promote`) started as processes inside that repository, as CI would run them.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoRootOf } from '../../../tools/review/git';

// Every gate or diff run renders two revisions (the base from cache after the first time).
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let scratch: string;
let repo: string;
const SERVER = 'charts/pushgateway/server.ts';
const INTERVAL = "'--persistence.interval=1m'";

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });

/** Runs a repository command (`node --import tsx <script> ...`) inside the temporary repository. */
function run(script: string, args: string[], env: Record<string, string> = {}) {
  const environment: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('GRIDATA_ALL_ENVIRONMENTS' in env)) delete environment.GRIDATA_ALL_ENVIRONMENTS;
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repo, encoding: 'utf8', env: environment });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, all: result.stdout + result.stderr };
}
const gate = (env: Record<string, string> = {}) => run('tools/gate/gate.ts', ['--base', 'main'], env);
const synth = () => expect(run('main.ts', []).code).toBe(0);

function edit(path: string, from: string, to: string): void {
  const file = join(repo, path);
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture: ${path} no longer contains ${from}`);
  writeFileSync(file, text.replace(from, to));
}

/** A branch off main with one commit of the given edits, dist/ re-rendered as the rules require. */
function branch(name: string, from: string, edits: () => void, message: string): void {
  git('checkout', '--quiet', '-b', name, from);
  edits();
  synth();
  git('add', '--all');
  git('commit', '--quiet', '-m', message);
}

beforeAll(() => {
  const root = repoRootOf(__dirname);
  scratch = mkdtempSync(join(tmpdir(), 'gridata-gate-test-'));
  repo = join(scratch, 'repo');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !f.startsWith('dist/') && f !== 'node_modules' && existsSync(join(root, f)));
  for (const file of files) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    copyFileSync(join(root, file), join(repo, file));
  }
  symlinkSync(join(root, 'node_modules'), join(repo, 'node_modules'), 'dir');
  execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: repo });
  synth();
  git('add', '--all');
  git('commit', '--quiet', '-m', 'sources and dist');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run gate', () => {
  it('passes a shared change that lands in dev only, behind a rollout revision', () => {
    branch(
      'dev-first',
      'main',
      () => {
        edit(SERVER, "import { LABEL, selectorLabels } from '../shared/labels';", "import { LABEL, selectorLabels } from '../shared/labels';\nimport { atRevision } from '../shared/revision';");
        edit(SERVER, INTERVAL, `atRevision(env, 'monitoring', 1) ? '--persistence.interval=2m' : ${INTERVAL}`);
        edit('environments/dev.yaml', '  monitoring:\n    chart: 88.5.3\n', '  monitoring:\n    chart: 88.5.3\n    revision: 1\n');
      },
      'pushgateway: persist every 2 minutes (monitoring revision 1, dev first)',
    );
    const result = gate();
    expect(result.code, result.all).toBe(0);
    // dev changes because its own file moved the switch; the same shared code leaves staging and prod alone.
    expect(result.stdout).toMatch(/dev +1 object change\(s\): 1 from environments\/dev\.yaml, 0 from shared code\/values \[separated\]/);
    expect(result.stdout).toMatch(/staging +no rendered changes/);
    expect(result.stdout).toMatch(/prod +no rendered changes/);
    expect(result.stdout).toContain('gate passed: no shared change reaches staging or prod');
    git('checkout', '--quiet', 'main');
    git('merge', '--quiet', '--ff-only', 'dev-first');
  });

  it('passes the promotion of that revision to staging by npm run promote (a staging.yaml change)', () => {
    git('checkout', '--quiet', '-b', 'promote-staging', 'main');
    const promoted = run('tools/promote/promote.ts', ['--from', 'dev', '--to', 'staging', '--only', 'monitoring']);
    expect(promoted.code, promoted.all).toBe(0);
    expect(promoted.stdout).toContain('monitoring.revision: (none) → 1');
    expect(git('diff', '--name-only', '--', 'environments')).toBe('environments/staging.yaml\n');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'promote monitoring dev → staging');
    const result = gate();
    expect(result.code, result.all).toBe(0);
    expect(result.stdout).toMatch(/staging +1 object change\(s\): 1 from environments\/staging\.yaml, 0 from shared code\/values \[own file only\]/);
    expect(result.stdout).toMatch(/prod +no rendered changes/);
  });

  it('fails a shared change that alters dist/prod, names it prod-direct in the diff, and passes it once marked', () => {
    branch('shared', 'main', () => edit(SERVER, 'failureThreshold: 6', 'failureThreshold: 5'), 'pushgateway: fail liveness after 5 probes');
    const unmarked = gate();
    expect(unmarked.code, unmarked.all).toBe(1);
    expect(unmarked.stdout).toMatch(/prod +1 object change\(s\): 0 from environments\/prod\.yaml, 1 from shared code\/values \[shared only\] → prod-direct/);
    expect(unmarked.stdout).toContain('prod-direct: shared code or values change 1 object(s) in dist/prod:\n  changed Deployment monitoring/pushgateway (component pushgateway)');
    expect(unmarked.stdout).toContain('staging-direct');
    expect(unmarked.stderr).toContain('gate failed: staging-direct and prod-direct change not marked as an all-environments change');
    expect(unmarked.stderr).toContain('npm run diff -- --base main');

    const output = join(scratch, 'diff.md');
    const diff = run('tools/diff/diff.ts', ['--base', 'main', '--output', output]);
    expect(diff.code, diff.all).toBe(0);
    const markdown = readFileSync(output, 'utf8');
    expect(markdown).toContain('- ⛔ **prod-direct**: shared code or values change 1 object(s) in `dist/prod` without a promotion:\n  - changed Deployment monitoring/pushgateway (component `pushgateway`)');
    expect(markdown).toContain('| prod (prod-direct) | no | 0 | 1 | shared only |');
    expect(markdown).toContain('Not marked as an all-environments change');

    // The pull-request label, passed in by the workflow.
    const labelled = gate({ GRIDATA_ALL_ENVIRONMENTS: '1' });
    expect(labelled.code, labelled.all).toBe(0);
    expect(labelled.stdout).toContain('marked as an all-environments change (GRIDATA_ALL_ENVIRONMENTS=1');

    // A commit trailer anywhere in main..HEAD.
    git('commit', '--quiet', '--allow-empty', '-m', 'pushgateway probe applies everywhere at once\n\nEnvironments: all');
    const marked = gate();
    expect(marked.code, marked.all).toBe(0);
    expect(marked.stdout).toMatch(/gate passed: staging-direct and prod-direct, marked as an all-environments change \(commit [0-9a-f]{12} carries the trailer `Environments: all`\)/);
  });

  it('counts a prod.yaml change mixed with shared code by cause: only the shared part is prod-direct', () => {
    branch(
      'mixed',
      'main',
      () => {
        edit(SERVER, 'failureThreshold: 6', 'failureThreshold: 5');
        edit('environments/prod.yaml', 'limits: { cpu: "2", memory: 4Gi } } }', 'limits: { cpu: "2", memory: 6Gi } } }');
      },
      'pushgateway probe, and more memory for prod MinIO',
    );
    const result = gate();
    expect(result.code, result.all).toBe(1);
    // The head's code with main's prod.yaml changes the probe only: the MinIO sizing (StatefulSet,
    // derived quota) comes from prod.yaml, and only the pushgateway Deployment is prod-direct.
    const line = /prod +(\d+) object change\(s\): (\d+) from environments\/prod\.yaml, 1 from shared code\/values \[separated\] → prod-direct/.exec(result.stdout);
    expect(line, result.stdout).not.toBeNull();
    expect(Number(line![2])).toBeGreaterThanOrEqual(1);
    expect(result.stdout).toContain('prod-direct: shared code or values change 1 object(s) in dist/prod:\n  changed Deployment monitoring/pushgateway (component pushgateway)\n');
    expect(result.stdout).toMatch(/staging +1 object change\(s\): 0 from environments\/staging\.yaml, 1 from shared code\/values \[shared only\] → staging-direct/);
  });

  it('without --base has nothing to compare and says so', () => {
    const result = run('tools/gate/gate.ts', []);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('gate: no --base given, nothing to compare: passes.');
    expect(run('tools/gate/gate.ts', ['--base', 'no-such-branch']).code).toBe(2);
  });
});
