// Chart archives (.tgz as `helm package` writes them): read the entries, compute the content
// digest the chart lock records (docs/decisions/0028) and extract into a directory.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  readonly path: string;
  readonly mode: number;
  readonly data: Buffer;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function field(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(block: Buffer, offset: number, length: number): number {
  const text = field(block, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** The regular files of a gzip-compressed tar archive (ustar, PAX and GNU long names). */
export function readTgz(archive: Buffer): TarEntry[] {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch (e) {
    throw new Error(`not a gzip archive (${(e as Error).message})`);
  }
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    if (data.length !== size) throw new Error('truncated tar archive');
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const path = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      if (path) longName = path[1];
      continue;
    }
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type === '0' || type === '7') entries.push({ path: name, mode: octal(header, 100, 8), data: Buffer.from(data) });
    else if (type !== '5') throw new Error(`unsupported tar entry type ${JSON.stringify(type)} for ${name}`);
  }
  return entries;
}

/**
 * Content digest of a chart archive: sha256 over the sorted lines `<path> <sha256 of the file>`,
 * where every archive inside the chart's `charts/` folder (a vendored dependency) is replaced by
 * its own files under `<path>!/`. Independent of gzip, tar headers (times, owners, modes) and
 * entry order, so a rebuild of the same sources from their tags has the same content digest.
 */
export function contentDigest(archive: Buffer): string {
  const lines = contentLines(readTgz(archive), '');
  lines.sort();
  return `sha256:${sha256(lines.join('\n') + '\n')}`;
}

function contentLines(entries: readonly TarEntry[], prefix: string): string[] {
  return entries.flatMap((e) =>
    /(^|\/)charts\/[^/]+\.tgz$/.test(e.path)
      ? contentLines(readTgz(e.data), `${prefix}${e.path}!/`)
      : [`${prefix}${e.path} ${sha256(e.data)}`],
  );
}

/**
 * Writes the archive's files under `dir`, without the archive's top folder (`<chart>/`), so
 * `dir` is the chart directory. Refuses entries outside it.
 */
export function extractChart(entries: readonly TarEntry[], chart: string, dir: string): void {
  for (const e of entries) {
    if (!e.path.startsWith(`${chart}/`)) throw new Error(`entry ${e.path} is outside the chart folder ${chart}/`);
    const rel = normalize(e.path.slice(chart.length + 1));
    if (rel.startsWith('..') || rel.startsWith(sep)) throw new Error(`entry ${e.path} escapes the chart folder`);
    const target = join(dir, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, e.data, { mode: e.mode & 0o755 || 0o644 });
  }
}
