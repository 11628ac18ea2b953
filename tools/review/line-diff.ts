// Longest-common-subsequence line diff for small blocks of text (one changed field, one file).

export type DiffLine = `${' ' | '-' | '+'}${string}`;

/** One step of an alignment: a line in both (' '), only in the first ('-') or only in the second ('+'). */
export interface AlignedLine {
  readonly op: ' ' | '-' | '+';
  /** Index in the first list (for ' ' and '-'). */
  readonly a?: number;
  /** Index in the second list (for ' ' and '+'). */
  readonly b?: number;
}

const MAX_CELLS = 4_000_000;

export function alignLines(before: readonly string[], after: readonly string[]): AlignedLine[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_CELLS) {
    // Too large to align cheaply: the whole block replaced.
    return [...before.map((_, a) => ({ op: '-' as const, a })), ...after.map((_, b) => ({ op: '+' as const, b }))];
  }
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        before[i] === after[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const out: AlignedLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ op: ' ', a: i++, b: j++ });
    } else if (i < n && (j === m || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      out.push({ op: '-', a: i++ }); // removals before additions reads best
    } else {
      out.push({ op: '+', b: j++ });
    }
  }
  return out;
}

export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  return alignLines(before, after).map((l) => (l.op === '+' ? `+${after[l.b!]}` : `${l.op}${before[l.a!]}`) as DiffLine);
}
