// Writes a rendered file map as the complete new content of an output folder, atomically.
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileMap } from './units';

/**
 * Writes `files` as the complete new content of `outDir`: everything goes to a sibling
 * temporary folder first and is swapped in with renames, so a failure never leaves a
 * half-written tree.
 */
export function writeAtomically(outDir: string, files: FileMap): void {
  const staging = `${outDir}.rendering-${process.pid}`;
  const previous = `${outDir}.previous-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    const made = new Set<string>();
    for (const [rel, content] of files) {
      const target = join(staging, rel);
      const dir = dirname(target);
      if (!made.has(dir)) mkdirSync(dir, { recursive: true });
      made.add(dir);
      // An unchanged file is linked from the current tree rather than written again (most of a
      // warm render's time was writing ~40 MB of identical YAML); the swap stays atomic.
      if (!linkUnchanged(join(outDir, rel), target, content)) writeFileSync(target, content);
    }
    mkdirSync(staging, { recursive: true });
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
    rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(outDir) && existsSync(previous)) renameSync(previous, outDir);
    throw error;
  }
}


function linkUnchanged(current: string, target: string, content: string): boolean {
  let existing: Buffer;
  try {
    existing = readFileSync(current);
  } catch {
    return false;
  }
  if (existing.length !== Buffer.byteLength(content) || !existing.equals(Buffer.from(content))) return false;
  try {
    linkSync(current, target);
    return true;
  } catch {
    return false;
  }
}
