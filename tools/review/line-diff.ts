// Longest-common-subsequence line diff for small blocks of YAML (one changed field at a time).

export type DiffLine = `${' ' | '-' | '+'}${string}`;

const MAX_CELLS = 4_000_000;

export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  if (n * m > MAX_CELLS) {
    // Too large to align cheaply: show the whole block replaced.
    return [...before.map((l) => `-${l}` as DiffLine), ...after.map((l) => `+${l}` as DiffLine)];
  }
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        before[i] === after[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push(` ${before[i]}`);
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
      out.push(`-${before[i]}` as DiffLine);
      i++;
    } else {
      out.push(`+${after[j]}` as DiffLine);
      j++;
    }
  }
  return out;
}
