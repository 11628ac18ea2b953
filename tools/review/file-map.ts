// Rendered output as a map of '<env>/<folder>/<file>' → YAML text, read from or compared with disk.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export type { FileMap } from '../../render/pipeline';
import type { FileMap } from '../../render/pipeline';

/** Every *.yaml file under `dir`, keyed by its path relative to `dir` with forward slashes. */
export function readFileMap(dir: string): FileMap {
  const files: FileMap = new Map();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) files.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Paths present in either map whose content differs (or is missing on one side), sorted. */
export function differingPaths(a: FileMap, b: FileMap): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((p) => a.get(p) !== b.get(p)).sort();
}
