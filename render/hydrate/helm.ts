// `helm template` over a locked chart, with the output cached under <cache>/helm-output/ keyed by
// (chart content digest, values hash, helm version, kube version, api versions, release, namespace).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sha256 } from './archive';
import { lockedChart, loadChartLock } from './lock';
import { cacheRoot, supplyChart, supplyChartSync, type SupplyOptions } from './supply';

const run = promisify(execFile);

/** The helm binary tools/go/build.sh builds (docs/decisions/0029); HELM overrides it. */
export function helmBinary(): string {
  return process.env.HELM ? resolve(process.env.HELM) : join(cacheRoot(), 'go/bin/helm');
}


/** The helm release tools/go/build.sh builds (its ldflags); part of every output's cache key. */
export const HELM_VERSION = 'v3.22.0';

export interface HelmTemplateRequest {
  readonly chart: string;
  readonly version: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly values: Record<string, unknown>;
  readonly kubeVersion: string;
  /** Extra API versions helm reports as available (`--api-versions`), e.g. CRD group/versions. */
  readonly apiVersions: readonly string[];
}

export interface HelmTemplateResult {
  readonly manifest: string;
  readonly cached: boolean;
  readonly key: string;
}

export interface HelmOptions extends SupplyOptions {
  readonly helm?: string;
  /** Where outputs are cached; default <cache>/helm-output. */
  readonly outputDir?: string;
}

/** JSON with object keys sorted: equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

export function valuesHash(values: Record<string, unknown>): string {
  return sha256(canonicalJson(values));
}

/** The cache key of one `helm template` run. */
export function templateCacheKey(req: HelmTemplateRequest, chartDigest: string, helmVersion: string): string {
  return sha256(
    canonicalJson({
      v: 1,
      chartDigest,
      values: valuesHash(req.values),
      helmVersion,
      kubeVersion: req.kubeVersion,
      apiVersions: [...new Set(req.apiVersions)].sort(),
      releaseName: req.releaseName,
      namespace: req.namespace,
      flags: ['--include-crds', '--skip-tests'],
    }),
  );
}

const verified = new Set<string>();

/** Refuses a helm binary other than the pinned release: its version is part of every cache key. */
function checkHelm(helm: string, version: string): void {
  if (version !== HELM_VERSION) throw new Error(`${helm} is helm ${version}, the renderer pins ${HELM_VERSION}: run bash tools/go/build.sh helm`);
  verified.add(helm);
}

function helmMissing(helm: string): Error {
  return new Error(`helm not found at ${helm}: run bash tools/go/build.sh helm (or set HELM)`);
}

async function verifyHelm(helm: string): Promise<void> {
  if (verified.has(helm)) return;
  if (!existsSync(helm)) throw helmMissing(helm);
  checkHelm(helm, (await run(helm, ['version', '--template', '{{.Version}}'], { env: isolatedEnv() })).stdout.trim());
}

function verifyHelmSync(helm: string): void {
  if (verified.has(helm)) return;
  if (!existsSync(helm)) throw helmMissing(helm);
  checkHelm(helm, execFileSync(helm, ['version', '--template', '{{.Version}}'], { env: isolatedEnv(), encoding: 'utf8' }).trim());
}

/** helm's homes in an empty directory under the cache: no user repositories, plugins or registry logins. */
function isolatedEnv(): NodeJS.ProcessEnv {
  const home = join(cacheRoot(), 'helm-home');
  return {
    PATH: process.env.PATH,
    HOME: home,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    HELM_PLUGINS: join(home, 'plugins'),
    HELM_REGISTRY_CONFIG: join(home, 'config/registry.json'),
    HELM_REPOSITORY_CONFIG: join(home, 'config/repositories.yaml'),
    HELM_REPOSITORY_CACHE: join(home, 'cache/repository'),
    // Fewer garbage collections: ~17 % less CPU for template-heavy charts (airflow: 1.12 -> 0.93 s), the
    // output is the same; a render's helm processes are short-lived and memory is not scarce.
    GOGC: '400',
  };
}

interface Planned {
  readonly key: string;
  readonly out: string;
  readonly failed: string;
  readonly outDir: string;
}

function plan(req: HelmTemplateRequest, opts: HelmOptions): Planned {
  const locked = lockedChart(opts.lock ?? lockOf(), req.chart, req.version);
  const key = templateCacheKey(req, locked.digest, HELM_VERSION);
  const outDir = opts.outputDir ?? join(cacheRoot(), 'helm-output');
  const out = join(outDir, `${req.chart}-${req.version}-${key}.yaml`);
  return { key, out, failed: `${out}.error`, outDir };
}

let lockCache: ReturnType<typeof loadChartLock> | undefined;
function lockOf() {
  return (lockCache ??= loadChartLock());
}

/** The cache key of `req`'s output (what parsed forms of it are stored under). */
export function templateOutputKey(req: HelmTemplateRequest, opts: HelmOptions = {}): string {
  return plan(req, opts).key;
}

/** Whether `req` has a stored output or refusal (no read of it). */
export function isTemplated(req: HelmTemplateRequest, opts: HelmOptions = {}): boolean {
  const p = plan(req, opts);
  return existsSync(p.out) || existsSync(p.failed);
}

/** A stored output or stored refusal of `p`, if any (helm template is a function of the key's inputs). */
function stored(p: Planned): HelmTemplateResult | undefined {
  if (existsSync(p.out)) return { manifest: readFileSync(p.out, 'utf8'), cached: true, key: p.key };
  if (existsSync(p.failed)) throw new HelmTemplateError(readFileSync(p.failed, 'utf8'), true);
  return undefined;
}

function templateArgs(req: HelmTemplateRequest, chartDir: string, valuesFile: string): string[] {
  return ['template', req.releaseName, chartDir, '--namespace', req.namespace, '--values', valuesFile,
    '--kube-version', req.kubeVersion, '--include-crds', '--skip-tests',
    ...[...new Set(req.apiVersions)].sort().flatMap((a) => ['--api-versions', a])];
}

/** Runs helm (sync or async) with the values in a temporary file, storing its output or its refusal. */
function withValues<T>(req: HelmTemplateRequest, p: Planned, runHelm: (valuesFile: string) => T): T {
  mkdirSync(p.outDir, { recursive: true });
  const valuesFile = join(p.outDir, `.values-${p.key}-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(valuesFile, JSON.stringify(req.values));
  return runHelm(valuesFile);
}

function refusal(req: HelmTemplateRequest, p: Planned, helm: string, e: unknown): Error {
  const err = e as { stderr?: string | Buffer; code?: unknown };
  if (typeof err.code === 'string') return new Error(`helm template ${req.chart} ${req.version}: cannot run ${helm}: ${err.code}`);
  const message = `helm template ${req.chart} ${req.version} (release ${req.releaseName}): ${oneLine(String(err.stderr ?? (e as Error).message))}`;
  writeAtomic(p.failed, message);
  return new HelmTemplateError(message, false);
}

/** Renders a locked chart with `values`; a cache hit returns the stored output without running helm. */
export async function helmTemplate(req: HelmTemplateRequest, opts: HelmOptions = {}): Promise<HelmTemplateResult> {
  const helm = opts.helm ?? helmBinary();
  const p = plan(req, opts);
  const hit = stored(p);
  if (hit) return hit;
  const [chart] = await Promise.all([supplyChart(req.chart, req.version, opts), verifyHelm(helm)]);
  const manifest = await withValues(req, p, async (valuesFile) => {
    try {
      return (await run(helm, templateArgs(req, chart.dir, valuesFile), { env: isolatedEnv(), maxBuffer: 256 * 1024 * 1024 })).stdout;
    } catch (e) {
      throw refusal(req, p, helm, e);
    } finally {
      rmSync(valuesFile, { force: true });
    }
  });
  writeAtomic(p.out, manifest);
  return { manifest, cached: false, key: p.key };
}

/** helmTemplate for the synchronous renderer (render/hydrate/hydrate.ts): same cache, same key. */
export function helmTemplateSync(req: HelmTemplateRequest, opts: HelmOptions = {}): HelmTemplateResult {
  const helm = opts.helm ?? helmBinary();
  const p = plan(req, opts);
  const hit = stored(p);
  if (hit) return hit;
  const chart = supplyChartSync(req.chart, req.version, opts);
  verifyHelmSync(helm);
  const manifest = withValues(req, p, (valuesFile) => {
    try {
      return execFileSync(helm, templateArgs(req, chart.dir, valuesFile), { env: isolatedEnv(), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      throw refusal(req, p, helm, e);
    } finally {
      rmSync(valuesFile, { force: true });
    }
  });
  writeAtomic(p.out, manifest);
  return { manifest, cached: false, key: p.key };
}

/** helm refused to render the chart with these inputs (`cached`: the refusal was stored earlier). */
export class HelmTemplateError extends Error {
  constructor(message: string, readonly cached: boolean) {
    super(message);
    this.name = 'HelmTemplateError';
  }
}

/**
 * helm's error as one line: its first non-empty line, and when that is long (tpl errors quote whole
 * templates) its start and its end, where the innermost cause is.
 */
export function oneLine(stderr: string): string {
  const line = (stderr.split('\n').find((l) => l.trim()) ?? 'failed').trim().replace(/^Error: /, '');
  return line.length <= 400 ? line : `${line.slice(0, 150)} … ${line.slice(-230)}`;
}

/** Writes `file` through a temporary sibling and a rename: readers never see half a file. */
export function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
