// Chart supply: a locked chart, fetched from the chart mirror (GRIDATA_CHART_MIRROR: a directory or
// an http(s) URL of a static Helm repository) or else from its upstream repository, verified against
// the lock (docs/decisions/0028) and extracted into <cache>/charts/<name>-<version>/.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { contentDigest, extractChart, readTgz, sha256 } from './archive';
import { REPO_ROOT, loadChartLock, lockedChart, type LockedChart } from './lock';

/** Same rule as tools/go/build.sh: GRIDATA_CACHE, when set, replaces the checkout's .cache. */
export function cacheRoot(): string {
  return process.env.GRIDATA_CACHE ? resolve(process.env.GRIDATA_CACHE) : join(REPO_ROOT, '.cache');
}

export interface SupplyOptions {
  /** Directory or http(s) URL of a static Helm repository; default GRIDATA_CHART_MIRROR, else ../shared/chart-mirror when present, else upstream. */
  readonly mirror?: string;
  /** Where extracted charts go; default <cache>/charts. */
  readonly cacheDir?: string;
  readonly lock?: readonly LockedChart[];
}

export interface SuppliedChart {
  readonly name: string;
  readonly version: string;
  /** The chart directory (what `helm template` is given). */
  readonly dir: string;
  /** The lock's content digest, which the extracted files were verified against. */
  readonly digest: string;
}

const STAMP = '.gridata-content-digest';

/** The repository a chart comes from under `opts`: the mirror when configured, else upstream. */
export function chartSource(chart: LockedChart, opts: SupplyOptions = {}): string {
  const mirror = opts.mirror ?? process.env.GRIDATA_CHART_MIRROR ?? organisationMirror();
  return mirror ? mirror : chart.repository;
}

/** The chart extracted under the cache; fetched and verified first unless already there. */
export async function supplyChart(name: string, version: string, opts: SupplyOptions = {}): Promise<SuppliedChart> {
  const { locked, dir, ready } = cached(name, version, opts);
  if (ready) return ready;
  return install(locked, dir, await fetchChart(locked, chartSource(locked, opts)));
}

/**
 * supplyChart for the synchronous renderer: a chart already extracted, or fetched from a directory
 * mirror. An http(s) source needs the asynchronous fetch, which `npm run synth` runs first.
 */
export function supplyChartSync(name: string, version: string, opts: SupplyOptions = {}): SuppliedChart {
  const { locked, dir, ready } = cached(name, version, opts);
  if (ready) return ready;
  const source = chartSource(locked, opts);
  if (isUrl(source)) {
    throw new Error(`chart ${name} ${version} is not in ${dir}: fetch it from ${source} first (npm run synth does)`);
  }
  const what = `${name} ${version} from ${source}`;
  const entry = indexEntry(locked, readFileSync(readPath(source, 'index.yaml', what)), what);
  return install(locked, dir, verifyArchive(locked, readFileSync(readPath(source, entry.url, what)), entry.url, what, entry.digest));
}

function cached(name: string, version: string, opts: SupplyOptions) {
  const locked = lockedChart(opts.lock ?? loadChartLock(), name, version);
  const dir = join(opts.cacheDir ?? join(cacheRoot(), 'charts'), `${name}-${version}`);
  const stamp = join(dir, STAMP);
  const ready = existsSync(stamp) && readFileSync(stamp, 'utf8') === locked.digest ? { name, version, dir, digest: locked.digest } : undefined;
  return { locked, dir, ready };
}

function install(locked: LockedChart, dir: string, archive: Buffer): SuppliedChart {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  extractChart(readTgz(archive), locked.name, tmp);
  writeFileSync(join(tmp, STAMP), locked.digest);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return { name: locked.name, version: locked.version, dir, digest: locked.digest };
}

/**
 * The verified archive of a locked chart from `source` (directory or http(s) URL of a static Helm
 * repository): its index.yaml must list the version, the archive must match the digest the index
 * lists, and its content digest must equal the lock's. Every refusal is one line.
 */
export async function fetchChart(chart: LockedChart, source: string): Promise<Buffer> {
  const what = `${chart.name} ${chart.version} from ${source}`;
  const entry = indexEntry(chart, await read(source, 'index.yaml', what), what);
  return verifyArchive(chart, await read(source, entry.url, what), entry.url, what, entry.digest);
}

function indexEntry(chart: LockedChart, indexText: Buffer, what: string): { url: string; digest?: string } {
  const index = parse(indexText.toString('utf8')) as any;
  const entry = (index?.entries?.[chart.name] ?? []).find((e: any) => String(e.version) === chart.version);
  if (!entry) throw new Error(`chart ${what}: index.yaml does not list this version`);
  const url = entry.urls?.[0];
  if (typeof url !== 'string') throw new Error(`chart ${what}: index.yaml lists no archive URL`);
  return { url, digest: entry.digest };
}

function verifyArchive(chart: LockedChart, archive: Buffer, url: string, what: string, listed: string | undefined): Buffer {
  const archiveDigest = sha256(archive);
  if (listed && listed !== archiveDigest) {
    throw new Error(`chart ${what}: archive ${url} has sha256 ${archiveDigest}, index.yaml lists ${listed}`);
  }
  let content: string;
  try {
    content = contentDigest(archive);
  } catch (e) {
    throw new Error(`chart ${what}: archive ${url} is unreadable: ${(e as Error).message}`);
  }
  if (content !== chart.digest) {
    throw new Error(`chart ${what}: content digest ${content} differs from charts.lock.yaml ${chart.digest} (archive sha256 ${archiveDigest}); refused`);
  }
  return archive;
}

/**
 * The organisation's chart mirror beside the repository (../shared/chart-mirror), used when
 * GRIDATA_CHART_MIRROR is not set: this is where the air-gapped machines keep it.
 */
function organisationMirror(): string | undefined {
  const dir = resolve(REPO_ROOT, '../shared/chart-mirror');
  return existsSync(join(dir, 'index.yaml')) ? dir : undefined;
}

function isUrl(s: string): boolean {
  return /^https?:\/\//.test(s);
}

async function read(source: string, ref: string, what: string): Promise<Buffer> {
  if (isUrl(ref) || isUrl(source)) {
    const url = new URL(ref, source.endsWith('/') ? source : `${source}/`).toString();
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new Error(`chart ${what}: cannot fetch ${url}: ${(e as Error).message}`);
    }
    if (!res.ok) throw new Error(`chart ${what}: GET ${url} answered ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
  return readFileSync(readPath(source, ref, what));
}

/** A file of a directory mirror, refused when index.yaml points outside it or it is missing. */
function readPath(source: string, ref: string, what: string): string {
  if (isAbsolute(ref) || ref.split('/').includes('..')) throw new Error(`chart ${what}: index.yaml URL ${ref} is outside the mirror directory`);
  const file = join(source, ref);
  if (!existsSync(file)) throw new Error(`chart ${what}: ${file} does not exist`);
  return file;
}
