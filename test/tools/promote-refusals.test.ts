// `npm run promote` refuses bad input in one line, `refused: …`, exits non-zero and writes nothing.
// In-process (no git started): a --repo that is no checkout is refused before git runs, and a bad
// source environment file is refused by planPromotion before anything renders or reads git.
// The same refusals through the command inside a real git repository: test/tools/promote/promote.test.ts.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main as promoteCommand } from '../../tools/promote/promote';
import { planPromotion } from '../../tools/promote/plan';
import { PromotionRefused } from '../../tools/promote/refusal';
import { BAD_SOURCE_FILES } from '../fixtures/bad-environments';

const ENV_DIR = join(__dirname, '../../environments');
const scratch = mkdtempSync(join(tmpdir(), 'gridata-promote-refusals-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(argv: string[]): { code: number; errors: string[]; out: string[] } {
  const errors: string[] = [];
  const out: string[] = [];
  const error = vi.spyOn(console, 'error').mockImplementation((...m: unknown[]) => void errors.push(m.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (out.push(String(chunk)), true));
  try {
    return { code: promoteCommand(argv), errors, out };
  } finally {
    error.mockRestore();
    write.mockRestore();
  }
}

function expectOneLineRefusal(result: { code: number; errors: string[]; out: string[] }, reason: string): void {
  expect(result.code).toBe(1);
  expect(result.out).toEqual([]);
  expect(result.errors).toHaveLength(1);
  const [line] = result.errors;
  expect(line).not.toContain('\n');
  expect(line).toMatch(/^refused: /);
  expect(line).not.toMatch(/\n\s+at |\(node:|\.ts:\d+:\d+/);
  expect(line).toContain(reason);
}

const tree = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'utf8')]));

describe('promote refuses a --repo that is no git checkout', () => {
  it('a path that does not exist', () => {
    const nowhere = join(scratch, 'no-such-folder');
    expectOneLineRefusal(run(['--from', 'dev', '--to', 'staging', '--repo', nowhere]), `--repo ${nowhere} does not exist`);
  });

  it('a file instead of a folder', () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, 'not a folder\n');
    expectOneLineRefusal(run(['--from', 'dev', '--to', 'staging', '--repo', file]), 'is not a folder');
  });

  it('a folder outside any git checkout, left as it was', () => {
    const folder = join(scratch, 'not-git');
    cpSync(ENV_DIR, join(folder, 'environments'), { recursive: true });
    const before = tree(folder);
    expectOneLineRefusal(run(['--from', 'dev', '--to', 'staging', '--repo', folder]), `--repo ${folder} is not inside a git checkout`);
    expect(tree(folder)).toEqual(before);
  });

  it('a usage error is one line too (exit 2)', () => {
    const result = run(['--from', 'dev']);
    expect(result.code).toBe(2);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^refused: --from and --to are required \(usage: npm run promote/);
  });
});

describe('promote refuses a bad source environment file before rendering or reading git', () => {
  for (const bad of BAD_SOURCE_FILES) {
    it(`${bad.name}: one-line reason naming the file, nothing written`, () => {
      const repoDir = join(scratch, `repo-${bad.name.replace(/\W+/g, '-')}`);
      mkdirSync(repoDir, { recursive: true });
      cpSync(ENV_DIR, join(repoDir, 'environments'), { recursive: true });
      writeFileSync(join(repoDir, 'environments/dev.yaml'), bad.text());
      const before = tree(repoDir);
      const render = vi.fn();
      let refusal: unknown;
      try {
        planPromotion({ repoDir, from: 'dev', to: 'staging', render });
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(PromotionRefused);
      const message = (refusal as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toContain('environments/dev.yaml is not a valid environment file');
      expect(message).toContain(bad.reason);
      expect(render).not.toHaveBeenCalled();
      expect(tree(repoDir)).toEqual(before);
    });
  }

  it('a missing source file', () => {
    const repoDir = join(scratch, 'repo-missing');
    mkdirSync(join(repoDir, 'environments'), { recursive: true });
    expect(() => planPromotion({ repoDir, from: 'dev', to: 'staging', render: vi.fn() })).toThrow(
      new PromotionRefused('environments/dev.yaml does not exist: expected the dev environment file'),
    );
  });
});
