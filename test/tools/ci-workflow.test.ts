import { readFileSync } from 'node:fs';
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

const workflow = parse(readFileSync(join(__dirname, '../../.github/workflows/ci.yaml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }>;
};
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

describe('CI workflow', () => {
  it('runs on pull requests and on pushes to main', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
  });

  it('pins every action to a full commit SHA', () => {
    const uses = steps.map((s) => s.uses).filter((u): u is string => u !== undefined);
    expect(uses.length).toBeGreaterThanOrEqual(3);
    for (const use of uses) expect(use).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
  });

  it('checks out the full history, sets up Node 20 and runs every check', () => {
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toEqual({ 'fetch-depth': 0 });
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
    expect(steps.some((s) => s.run === 'bash .ci/run' && s.if === undefined)).toBe(true);
  });

  it('renders the diff against the base branch and comments it on pull requests only', () => {
    const diff = steps.find((s) => s.run?.includes('npm run --silent diff -- --base "origin/$BASE_REF"'));
    expect(diff?.if).toBe("github.event_name == 'pull_request'");
    const comment = steps.find((s) => s.uses?.startsWith('actions/github-script@'));
    expect(comment?.if).toBe("github.event_name == 'pull_request'");
    expect(String(comment?.with?.script)).toContain('rendered-diff.md');
  });
});
