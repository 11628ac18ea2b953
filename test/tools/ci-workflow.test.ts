// The CI workflow must run on a stock GitHub runner as it is: every toolchain .ci/run needs is set
// up by a pinned action at the version the repository's own files ask for, heavy caches are keyed on
// the files that decide their content, and only the job that runs no repository code can write.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}

interface Job {
  'runs-on': string;
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}

const repo = join(__dirname, '../..');
const workflow = parse(readFileSync(join(repo, '.github/workflows/ci.yaml'), 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const jobs = Object.entries(workflow.jobs);
const steps = jobs.flatMap(([, job]) => job.steps);
const checks = workflow.jobs.checks;
const action = (job: Job, name: string) => job.steps.find((s) => s.uses?.startsWith(`actions/${name}@`));

/** `go 1.26.7` → [1, 26, 7]; compared element by element. */
const versionOf = (text: string) => text.split('.').map(Number);
const atLeast = (have: number[], need: number[]) => {
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
};

describe('CI workflow', () => {
  it('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  it('re-runs pull-request checks when labels change, so the environments:all mark takes effect', () => {
    expect(workflow.on.pull_request).toEqual({ types: ['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled'] });
  });

  it('fails a pull request whose shared change reaches staging or prod unless it carries the environments:all label', () => {
    const gate = workflow.jobs['blast-radius'];
    expect(gate.if).toBe("github.event_name == 'pull_request'");
    expect(gate.permissions).toEqual({ contents: 'read' });
    const step = gate.steps.find((s) => s.run?.includes('npm run --silent gate -- --base "origin/$BASE_REF"'));
    expect(step?.if).toBeUndefined();
    expect((step as { env?: Record<string, string> })?.env?.GRIDATA_ALL_ENVIRONMENTS).toBe(
      "${{ contains(github.event.pull_request.labels.*.name, 'environments:all') && '1' || '0' }}",
    );
  });

  it('runs every job on the stock ubuntu-24.04 runner', () => {
    for (const [, job] of jobs) expect(job['runs-on']).toBe('ubuntu-24.04');
  });

  it('pins every action to a full commit SHA', () => {
    const uses = steps.map((s) => s.uses).filter((u): u is string => u !== undefined);
    expect(uses.length).toBeGreaterThanOrEqual(8);
    for (const use of uses) expect(use).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  });

  it('runs the README test command unconditionally with full history', () => {
    expect(action(checks, 'checkout')?.with).toEqual({ 'fetch-depth': 0 });
    expect(checks.steps.filter((s) => s.run === 'bash .ci/run' && s.if === undefined)).toHaveLength(1);
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const ciRun = readFileSync(join(repo, '.ci/run'), 'utf8');
    expect(readme).toContain('bash tools/test-all.sh');
    expect(ciRun).toMatch(/^bash tools\/test-all\.sh$/m);
  });

  it('runs check:dist and the policy CLI as stages of their own (the unit suite relies on them instead of repeating them)', () => {
    const stages = readFileSync(join(repo, 'tools/test-all.sh'), 'utf8').split('\n').filter((l) => !l.startsWith('#'));
    for (const command of ['npm run --silent check:dist', 'npm run --silent policy', 'npm run --silent test', 'npm run --silent test:integration']) {
      expect(stages, command).toContain(command);
    }
  });

  it('sets up Node at the major version package.json requires', () => {
    const engines = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).engines.node as string;
    const major = Number(/(\d+)/.exec(engines)![1]);
    expect(action(checks, 'setup-node')?.with?.['node-version']).toBe(major);
  });

  it('sets up the Python the virtualenv scripts create their environments with', () => {
    const setup = readFileSync(join(repo, 'spark-jobs/scripts/setup.sh'), 'utf8');
    const python = /GRIDATA_PYTHON:-python(\d+\.\d+)/.exec(setup)![1];
    expect(action(checks, 'setup-python')?.with?.['python-version']).toBe(python);
  });

  it('sets up Java 17 for local Spark', () => {
    expect(action(checks, 'setup-java')?.with).toEqual({ distribution: 'temurin', 'java-version': '17' });
  });

  it('sets up a Go at least as new as every Go tool module asks for, without a second module cache', () => {
    const go = action(checks, 'setup-go')?.with;
    expect(go?.cache).toBe(false);
    const have = versionOf(String(go?.['go-version']));
    // A module built.sh builds with a toolchain of its own (the entry's sixth field, which the go
    // command fetches from the proxy) does not need the workflow's Go.
    const ownToolchain = new Set(
      [...readFileSync(join(repo, 'tools/go/build.sh'), 'utf8').matchAll(/^\s*"[^"|]+\|([^"|]+)\|[^"]*\|(go[0-9.]+)"\s*$/gm)].map((m) => m[1]),
    );
    expect(ownToolchain).toEqual(new Set(['argocd']));
    const modules = readdirSync(join(repo, 'tools/go'), { withFileTypes: true }).filter((d) => d.isDirectory() && !ownToolchain.has(d.name));
    const directives = modules.flatMap((d) => {
      try {
        return [/^go (\S+)$/m.exec(readFileSync(join(repo, 'tools/go', d.name, 'go.mod'), 'utf8'))![1]];
      } catch {
        return [];
      }
    });
    expect(directives.length).toBeGreaterThanOrEqual(3);
    for (const need of directives) expect(atLeast(have, versionOf(need)), `go ${need}`).toBe(true);
  });

  it('caches the Go tools where .ci/run keeps them and .cache/, each keyed on files that exist', () => {
    const caches = checks.steps.filter((s) => s.uses?.startsWith('actions/cache@'));
    const ciRun = readFileSync(join(repo, '.ci/run'), 'utf8');
    const goCacheDir = /GRIDATA_CACHE:-\$HOME\/(\S+?)\}/.exec(ciRun)![1];
    expect(caches.map((c) => c.with?.path).sort()).toEqual(['.cache', `~/${goCacheDir}`]);
    for (const cache of caches) {
      const patterns = [...String(cache.with?.key).matchAll(/'([^']+)'/g)].map((m) => m[1]);
      expect(patterns.length, String(cache.with?.path)).toBeGreaterThan(0);
      for (const pattern of patterns) expect(filesMatching(pattern).length, pattern).toBeGreaterThan(0);
    }
    // Every lock file a .cache/ setup script reads is part of the key.
    const dotCacheKey = String(caches.find((c) => c.with?.path === '.cache')?.with?.key);
    for (const lock of ['spark-jobs/jars.lock', 'dags/requirements.lock', 'tools/datahub/requirements.lock']) {
      expect(dotCacheKey).toContain(lock);
    }
  });

  it('gives pull-requests: write to the comment job alone, which runs no repository code', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const writers = jobs.filter(([, job]) => Object.values(job.permissions ?? {}).includes('write')).map(([name]) => name);
    expect(writers).toEqual(['comment']);
    for (const [, job] of jobs) expect(job.permissions, 'every job states its permissions').toBeDefined();
    const comment = workflow.jobs.comment;
    expect(comment.permissions).toEqual({ 'pull-requests': 'write' });
    expect(comment.steps.some((s) => s.run !== undefined || s.uses?.startsWith('actions/checkout@'))).toBe(false);
  });

  it('renders and posts the diff on pull requests even when the checks fail', () => {
    const diffJob = workflow.jobs['rendered-diff'];
    expect(diffJob.needs).toBeUndefined();
    expect(diffJob.if).toBe("always() && github.event_name == 'pull_request'");
    expect(diffJob.steps.some((s) => s.run?.includes('npm run --silent diff -- --base "origin/$BASE_REF"'))).toBe(true);
    expect(action(diffJob, 'upload-artifact')?.with?.path).toBe('rendered-diff.md');
    const comment = workflow.jobs.comment;
    expect(comment.needs).toBe('rendered-diff');
    expect(comment.if).toMatch(/^always\(\) && github\.event_name == 'pull_request'/);
    expect(String(action(comment, 'github-script')?.with?.script)).toContain('rendered-diff.md');
  });
});

/** The repository files an actions/cache `hashFiles` pattern matches (`*` within a segment, `**` across). */
function filesMatching(pattern: string): string[] {
  const source = pattern
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  const regex = new RegExp(`^${source}$`);
  // Walk only the literal folder in front of the first wildcard (never node_modules/ or .cache/).
  const wildcard = pattern.indexOf('*');
  const base = wildcard < 0 ? pattern.slice(0, pattern.lastIndexOf('/') + 1) : pattern.slice(0, pattern.lastIndexOf('/', wildcard) + 1);
  const names = readdirSync(join(repo, base), { recursive: true }) as string[];
  return names.map((name) => base + name).filter((f) => regex.test(f));
}
