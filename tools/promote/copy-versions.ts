// Copies `versions.<component>` entries from one environment file's text into another's with the
// yaml Document API, touching only the values that differ, then merges the result back into the
// original text line by line: every line the promotion does not change stays byte-for-byte as it
// was (comments, spacing, key order, flow/block style, quoting).
import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode, parseDocument, type Document } from 'yaml';
import { isRecord } from '../review/version-pins';
import { alignLines, type AlignedLine } from '../review/line-diff';

const TO_STRING = { lineWidth: 0 } as const;

export function copyVersionEntries(sourceText: string, targetText: string, components: readonly string[]): string {
  const source = parseDocument(sourceText);
  const target = parseDocument(targetText);
  for (const component of components) {
    const path = ['versions', component];
    synchronise(source, target, path, source.getIn(path, true), target.getIn(path, true));
  }
  return mergeIntoOriginal(targetText, parseDocument(targetText).toString(TO_STRING), target.toString(TO_STRING));
}

/**
 * The yaml library re-prints a whole document (normalising, say, the spacing before a comment or
 * moving a comment to its own line). Regions of the original that the edit did not touch are kept
 * exactly; only re-printed lines that the edit removed, added or sits inside are taken from the
 * re-print.
 */
export function mergeIntoOriginal(original: string, reprintedOriginal: string, reprintedResult: string): string {
  const originalLines = original.split('\n');
  const reprinted = reprintedOriginal.split('\n');
  const result = reprintedResult.split('\n');
  // What the edit did, in terms of re-printed original lines.
  const deleted = new Set<number>();
  const insertedBefore = new Map<number, string[]>();
  let cursor = 0;
  for (const step of alignLines(reprinted, result)) {
    if (step.op === ' ') cursor = step.a! + 1;
    else if (step.op === '-') {
      deleted.add(step.a!);
      cursor = step.a! + 1;
    } else insertedBefore.set(cursor, [...(insertedBefore.get(cursor) ?? []), result[step.b!]!]);
  }
  // Where the re-print differs from the original: blocks of original lines ↔ re-printed lines.
  const merged: string[] = [];
  const emitReprinted = (r: number) => {
    merged.push(...(insertedBefore.get(r) ?? []));
    if (!deleted.has(r)) merged.push(reprinted[r]!);
  };
  const alignment = alignLines(originalLines, reprinted);
  for (let k = 0; k < alignment.length; ) {
    const step = alignment[k]!;
    if (step.op === ' ') {
      emitReprinted(step.b!);
      if (!deleted.has(step.b!)) merged[merged.length - 1] = originalLines[step.a!]!;
      k++;
      continue;
    }
    const block: AlignedLine[] = [];
    while (k < alignment.length && alignment[k]!.op !== ' ') block.push(alignment[k++]!);
    const reprintedIndexes = block.filter((s) => s.op === '+').map((s) => s.b!);
    const touched = reprintedIndexes.some((r, i) => deleted.has(r) || (i > 0 && insertedBefore.has(r)));
    if (touched) {
      for (const r of reprintedIndexes) emitReprinted(r);
    } else {
      if (reprintedIndexes.length > 0) merged.push(...(insertedBefore.get(reprintedIndexes[0]!) ?? []));
      merged.push(...block.filter((s) => s.op === '-').map((s) => originalLines[s.a!]!));
    }
  }
  merged.push(...(insertedBefore.get(reprinted.length) ?? []));
  return merged.join('\n');
}

/** Makes target's node at `path` equal to source's, editing as little as possible. */
function synchronise(source: Document, target: Document, path: string[], desired: unknown, current: unknown): void {
  const desiredJs = toJs(desired, source);
  const currentJs = toJs(current, target);
  if (isDeepStrictEqual(desiredJs, currentJs)) return;
  if (isMap(desired) && isMap(current)) {
    const desiredJsMap = desiredJs as Record<string, unknown>;
    for (const key of Object.keys(currentJs as Record<string, unknown>)) {
      if (!(key in desiredJsMap)) target.deleteIn([...path, key]);
    }
    for (const key of Object.keys(desiredJsMap)) {
      synchronise(source, target, [...path, key], source.getIn([...path, key], true), target.getIn([...path, key], true));
    }
    return;
  }
  if (!isRecord(desiredJs) && !Array.isArray(desiredJs) && current !== undefined && !isMap(current)) {
    // A scalar replaced by a scalar: YAMLMap keeps the old node, its comments and its style.
    target.setIn(path, desiredJs);
    return;
  }
  // A new entry (or a change of shape): take the source node as written, with its style.
  const node = source.getIn(path, true);
  target.setIn(path, isNode(node) ? node.clone() : desiredJs);
}

function toJs(value: unknown, doc: Document): unknown {
  return isNode(value) ? value.toJS(doc) : value;
}
