import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseDocument } from 'yaml';
import { main } from '../../../tools/diff/diff';
import { repoRootOf } from '../../../tools/review/git';

// Each case renders every environment (twice for diff); generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

// A throw-away repository holding this checkout's sources (as they are in the working tree, without
// dist/) in one commit, so the test edits environment files freely and diffs against that commit.
let clone: string;
let scratch: string;
const MINIO_TAG = ['versions', 'objectStore', 'images', 'minio', 'tag'];

beforeAll(() => {
  const root = repoRootOf(__dirname);
  scratch = mkdtempSync(join(tmpdir(), 'gridata-diff-test-'));
  clone = join(scratch, 'repo');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f && !f.startsWith('dist/') && f !== 'node_modules' && existsSync(join(root, f))); // a worktree's node_modules may be an untracked symlink
  for (const file of files) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(root, file), join(clone, file));
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: clone, encoding: 'utf8' });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'sources');
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function setInEnvironment(env: string, path: string[], value: string): string {
  const file = join(clone, 'environments', `${env}.yaml`);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const old = String(doc.getIn(path));
  doc.setIn(path, value);
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return old;
}

async function runDiff(...args: string[]): Promise<{ code: number; markdown: string; stderr: string }> {
  const output = join(scratch, 'diff.md');
  rmSync(output, { force: true });
  const errors: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...m: unknown[]) => void errors.push(m.join(' ')));
  try {
    const code = await main([...args, '--repo', clone, '--output', output]);
    let markdown = '';
    try {
      markdown = readFileSync(output, 'utf8');
    } catch {
      // no output written (usage or render error)
    }
    return { code, markdown, stderr: errors.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

describe('npm run diff', () => {
  it('reports no changes against the checked-out revision itself', async () => {
    const { code, markdown } = await runDiff('--base', 'HEAD', '--fail-on', 'risk');
    expect(code).toBe(0);
    expect(markdown).toContain('No risk flags.');
    expect(markdown).toContain('No rendered changes.');
  });

  it('shows a staging image change with its version flag and nothing in other environments', async () => {
    const old = setInEnvironment('staging', MINIO_TAG, 'RELEASE.2025-04-22T22-12-26Z');
    try {
      const { code, markdown } = await runDiff('--base', 'HEAD', '--fail-on', 'risk');
      expect(code).toBe(0);
      expect(markdown).toContain('No risk flags.');
      expect(markdown).toContain(
        `### Version changes (1)\n\n- **staging**: \`objectStore.images.minio\`: \`quay.io/minio/minio:${old}\` → \`quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z\`\n`,
      );
      const tableRows = markdown.split('\n').filter((l) => /^\| (dev|staging|prod) \|/.test(l));
      expect(tableRows.every((l) => l.startsWith('| staging |'))).toBe(true);
    } finally {
      setInEnvironment('staging', MINIO_TAG, old);
    }
  });

  it('fails with --fail-on risk when prod gets a version staging does not have', async () => {
    const old = setInEnvironment('prod', MINIO_TAG, 'RELEASE.2025-04-22T22-12-26Z');
    try {
      const { code, markdown, stderr } = await runDiff('--base', 'HEAD', '--fail-on', 'risk');
      expect(code).toBe(1);
      expect(stderr).toContain('--fail-on risk: 1 flag(s)');
      expect(markdown).toContain(
        '### ⚠️ Risk flags (1)\n\n- **prod**: prod pins `objectStore.images.minio` = `quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z`, which is not in staging',
      );
    } finally {
      setInEnvironment('prod', MINIO_TAG, old);
    }
  });

  it('refuses a missing --base and an unknown revision with exit code 2', async () => {
    expect((await runDiff()).code).toBe(2);
    const unknown = await runDiff('--base', 'no-such-branch');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown git revision "no-such-branch"');
  });
});
