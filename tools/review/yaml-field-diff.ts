// Renders only the changed fields of an object as a YAML diff: unchanged ancestors appear as
// context lines, each changed field as '-'/'+' lines, long unchanged runs inside a field collapsed.
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { diffLines, type DiffLine } from './line-diff';
import { isIdentifiedList, pairElements } from './object-diff';
import { isRecord } from './version-pins';

const YAML_OPTIONS = { lineWidth: 0, version: '1.1' } as const;
const KEEP_CONTEXT = 3;

export function yamlFieldDiff(before: Record<string, unknown>, after: Record<string, unknown>): DiffLine[] {
  const out: DiffLine[] = [];
  emitMap(before, after, '', out);
  return out;
}

function emitMap(a: Record<string, unknown>, b: Record<string, unknown>, indent: string, out: DiffLine[]): void {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) emitField(key, a[key], b[key], indent, out);
}

function emitField(key: string, a: unknown, b: unknown, indent: string, out: DiffLine[]): void {
  if (isDeepStrictEqual(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    out.push(` ${indent}${keyText(key)}:`);
    emitMap(a, b, indent + '  ', out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isIdentifiedList(a, b)) {
      out.push(` ${indent}${keyText(key)}:`);
      emitList(a, b, indent + '  ', out);
      return;
    }
  }
  const blockOf = (value: unknown) => (value === undefined ? [] : yamlLines({ [key]: value }));
  out.push(...prefixed(collapseUnchangedRuns(diffLines(blockOf(a), blockOf(b))), indent));
}

function emitList(a: unknown[], b: unknown[], indent: string, out: DiffLine[]): void {
  for (const { identity: [field, id], before: elementA, after: elementB } of pairElements(a, b)) {
    if (isDeepStrictEqual(elementA, elementB)) continue;
    if (isRecord(elementA) && isRecord(elementB)) {
      out.push(` ${indent}- ${yamlLines({ [field]: id })[0]}`);
      emitMap(without(elementA, field), without(elementB, field), indent + '  ', out);
      continue;
    }
    const blockOf = (value: unknown) => (value === undefined ? [] : yamlLines([value]));
    out.push(...prefixed(collapseUnchangedRuns(diffLines(blockOf(elementA), blockOf(elementB))), indent));
  }
}

function yamlLines(value: unknown): string[] {
  return stringify(value, YAML_OPTIONS).replace(/\n$/, '').split('\n');
}

function keyText(key: string): string {
  return yamlLines({ [key]: 0 })[0]!.replace(/: 0$/, '');
}

function without(record: Record<string, unknown>, field: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== field));
}

function prefixed(lines: DiffLine[], indent: string): DiffLine[] {
  return lines.map((l) => `${l[0]}${indent}${l.slice(1)}` as DiffLine);
}

/**
 * Within one changed field's block: replaces the middle of any run of more than 2×KEEP_CONTEXT+1
 * unchanged lines with one marker line (the block's first line, its key, is always kept).
 */
export function collapseUnchangedRuns(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i]![0] !== ' ') {
      out.push(lines[i++]!);
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]![0] === ' ') end++;
    const run = lines.slice(i, end);
    if (run.length > 2 * KEEP_CONTEXT + 1) {
      const hidden = run.length - 2 * KEEP_CONTEXT;
      const indent = /^ (\s*)/.exec(run[KEEP_CONTEXT]!)![1];
      out.push(...run.slice(0, KEEP_CONTEXT), ` ${indent}# … ${hidden} unchanged lines`, ...run.slice(-KEEP_CONTEXT));
    } else {
      out.push(...run);
    }
    i = end;
  }
  return out;
}
