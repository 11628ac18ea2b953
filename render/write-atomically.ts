// Writes a rendered file map as the complete new content of an output folder, atomically.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
    for (const [rel, content] of files) {
      const target = join(staging, rel);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
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

