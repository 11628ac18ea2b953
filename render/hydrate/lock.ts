// The chart lock (charts.lock.yaml): which upstream charts, at which versions, from where, with
// which content digest. Refusals are one line: file: pointer: expected …, found … (as for
// environment files, environments/errors.ts).
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { formatIssue } from '../../environments/errors';

export const REPO_ROOT = join(__dirname, '../..');
export const CHART_LOCK_FILE = join(REPO_ROOT, 'charts.lock.yaml');

export interface LockedChart {
  readonly name: string;
  readonly version: string;
  /** The chart's upstream Helm repository (http(s) URL of a static repository). */
  readonly repository: string;
  /** Content digest (`sha256:<hex>`, render/hydrate/archive.ts contentDigest), verified for every source. */
  readonly digest: string;
  /** sha256 of the archive bytes per source (`sha256:<hex>`), as recorded when locked. */
  readonly archives: Readonly<Record<string, string>>;
}

export class ChartLockError extends Error {
  constructor(file: string, pointer: string, expected: string, found: string) {
    super(formatIssue({ file, pointer, expected, found }));
    this.name = 'ChartLockError';
  }
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const NAME = /^[a-z0-9][a-z0-9-]*$/;
const VERSION = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/;

export function loadChartLock(file = CHART_LOCK_FILE): LockedChart[] {
  return parseChartLock(readFileSync(file, 'utf8'), relative(process.cwd(), file) || file);
}

export function parseChartLock(text: string, file: string): LockedChart[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    throw new ChartLockError(file, '', 'YAML', (e as Error).message.split('\n')[0]);
  }
  const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));
  if (!isObject(doc) || !Array.isArray(doc.charts)) throw new ChartLockError(file, '/charts', 'a list of charts', shown(isObject(doc) ? doc.charts : doc));
  const extra = Object.keys(doc).filter((k) => k !== 'charts');
  if (extra.length) throw new ChartLockError(file, `/${extra[0]}`, 'only the key charts', `key ${extra[0]}`);
  const seen = new Set<string>();
  return doc.charts.map((c: unknown, i: number): LockedChart => {
    const at = `/charts/${i}`;
    if (!isObject(c)) throw new ChartLockError(file, at, 'a chart entry', shown(c));
    const allowed = ['name', 'version', 'repository', 'digest', 'archives'];
    const unknown = Object.keys(c).find((k) => !allowed.includes(k));
    if (unknown) throw new ChartLockError(file, `${at}/${unknown}`, `only the keys ${allowed.join(', ')}`, `key ${unknown}`);
    const str = (key: string, re: RegExp, what: string): string => {
      const v = c[key];
      if (typeof v !== 'string' || !re.test(v)) throw new ChartLockError(file, `${at}/${key}`, what, shown(v));
      return v;
    };
    const name = str('name', NAME, 'a chart name (lowercase letters, digits, -)');
    const version = str('version', VERSION, 'a semantic version');
    const repository = str('repository', /^https?:\/\/\S+$/, 'an http(s) URL of a Helm repository');
    const digest = str('digest', DIGEST, 'a content digest sha256:<64 hex digits>');
    const archives = c.archives ?? {};
    if (!isObject(archives)) throw new ChartLockError(file, `${at}/archives`, 'a map of source to sha256:<64 hex digits>', shown(archives));
    for (const [source, d] of Object.entries(archives)) {
      if (typeof d !== 'string' || !DIGEST.test(d)) throw new ChartLockError(file, `${at}/archives/${source}`, 'sha256:<64 hex digits>', shown(d));
    }
    if (seen.has(`${name}@${version}`)) throw new ChartLockError(file, `${at}/name`, `one entry per chart version`, `a second ${name} ${version}`);
    seen.add(`${name}@${version}`);
    return { name, version, repository, digest, archives: archives as Record<string, string> };
  });
}

/** The locked entry for chart@version; refuses a chart the lock does not list. */
export function lockedChart(lock: readonly LockedChart[], name: string, version: string, file = 'charts.lock.yaml'): LockedChart {
  const hit = lock.find((c) => c.name === name && c.version === version);
  if (!hit) {
    const versions = lock.filter((c) => c.name === name).map((c) => c.version);
    throw new ChartLockError(file, '/charts', `an entry for ${name} ${version}`, versions.length ? `${name} at ${versions.join(', ')} only` : `no entry for ${name}`);
  }
  return hit;
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
