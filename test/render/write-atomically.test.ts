import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically, writeAtomicallyInBackground } from '../../render/pipeline';

describe('writeAtomically', () => {
  it('replaces the whole output folder, removing files no longer rendered', () => {
    const root = mkdtempSync(join(tmpdir(), 'gridata-write-'));
    const out = join(root, 'dist');
    mkdirSync(join(out, 'dev', 'old'), { recursive: true });
    writeFileSync(join(out, 'dev', 'old', 'stale.yaml'), 'stale');
    writeAtomically(out, new Map([['dev/new/a.yaml', 'a: 1\n']]));
    expect(readFileSync(join(out, 'dev', 'new', 'a.yaml'), 'utf8')).toBe('a: 1\n');
    expect(existsSync(join(out, 'dev', 'old'))).toBe(false);
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('leaves the previous output untouched and no temporary folder behind when writing fails', () => {
    const root = mkdtempSync(join(tmpdir(), 'gridata-write-'));
    const out = join(root, 'dist');
    mkdirSync(join(out, 'dev'), { recursive: true });
    writeFileSync(join(out, 'dev', 'keep.yaml'), 'keep');
    // 'dev/x' is written as a file and then needed as a folder: the write fails half-way.
    const files = new Map([
      ['dev/x', 'file'],
      ['dev/x/y.yaml', 'child'],
    ]);
    expect(() => writeAtomically(out, files)).toThrow();
    expect(readFileSync(join(out, 'dev', 'keep.yaml'), 'utf8')).toBe('keep');
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('links a file identical to the current one instead of writing it, and writes a changed one', () => {
    const root = mkdtempSync(join(tmpdir(), 'gridata-write-'));
    const out = join(root, 'dist');
    writeAtomically(out, new Map([['dev/a/same.yaml', 'same: 1\n'], ['dev/a/changed.yaml', 'v: 1\n']]));
    const before = { same: statSync(join(out, 'dev/a/same.yaml')).ino, changed: statSync(join(out, 'dev/a/changed.yaml')).ino };
    writeAtomically(out, new Map([['dev/a/same.yaml', 'same: 1\n'], ['dev/a/changed.yaml', 'v: 2\n']]));
    expect(statSync(join(out, 'dev/a/same.yaml')).ino).toBe(before.same);
    expect(statSync(join(out, 'dev/a/changed.yaml')).ino).not.toBe(before.changed);
    expect(readFileSync(join(out, 'dev/a/changed.yaml'), 'utf8')).toBe('v: 2\n');
    expect(readdirSync(root)).toEqual(['dist']);
  });
});

describe('writeAtomicallyInBackground', () => {
  /** An output folder holding a previous render (dev/keep.yaml), in a temporary root of its own. */
  function previousOutput() {
    const root = mkdtempSync(join(tmpdir(), 'gridata-write-'));
    const out = join(root, 'dist');
    writeAtomically(out, new Map([['dev/keep.yaml', 'keep']]));
    return { root, out };
  }

  it('writes every batch from a worker thread and swaps the whole folder in on commit, linking unchanged files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gridata-write-'));
    const out = join(root, 'dist');
    writeAtomically(out, new Map([['dev/a/same.yaml', 'same: 1\n'], ['dev/old/stale.yaml', 'stale']]));
    const same = statSync(join(out, 'dev/a/same.yaml')).ino;
    const writer = writeAtomicallyInBackground(out);
    writer.add(new Map([['dev/a/same.yaml', 'same: 1\n'], ['dev/a/new.yaml', 'n: 1\n']]));
    writer.add(new Map([['prod/b/c.yaml', 'c: 1\n']]));
    // Nothing is visible before the commit.
    expect(existsSync(join(out, 'prod'))).toBe(false);
    await writer.commit();
    expect(readFileSync(join(out, 'dev/a/new.yaml'), 'utf8')).toBe('n: 1\n');
    expect(readFileSync(join(out, 'prod/b/c.yaml'), 'utf8')).toBe('c: 1\n');
    expect(statSync(join(out, 'dev/a/same.yaml')).ino).toBe(same);
    expect(existsSync(join(out, 'dev/old'))).toBe(false);
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('refuses the commit when a write fails, leaving the previous output and no temporary folder', async () => {
    const { root, out } = previousOutput();
    const writer = writeAtomicallyInBackground(out);
    writer.add(new Map([['dev/x', 'file'], ['dev/x/y.yaml', 'child']]));
    await expect(writer.commit()).rejects.toThrow(/^writing .*dist failed: /);
    expect(readFileSync(join(out, 'dev/keep.yaml'), 'utf8')).toBe('keep');
    expect(readdirSync(root)).toEqual(['dist']);
  });

  it('leaves the output untouched when aborted', async () => {
    const { root, out } = previousOutput();
    const writer = writeAtomicallyInBackground(out);
    writer.add(new Map([['dev/other.yaml', 'other']]));
    await writer.abort();
    expect(readdirSync(join(out, 'dev'))).toEqual(['keep.yaml']);
    expect(readdirSync(root)).toEqual(['dist']);
  });
});
