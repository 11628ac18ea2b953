// `helm template` over a locked chart, with the output cached under <cache>/helm-output/ keyed by
// (chart content digest, values hash, helm version, kube version, api versions, release, namespace).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sha256 } from './archive';
import { cacheRoot, supplyChart, type SupplyOptions } from './supply';

const run = promisify(execFile);

/** The helm binary tools/go/build.sh builds (docs/decisions/0029); HELM overrides it. */
export function helmBinary(): string {
  return process.env.HELM ? resolve(process.env.HELM) : join(cacheRoot(), 'go/bin/helm');
}

/** The Kubernetes version charts are rendered for: the kube-apiserver tools/go/build.sh builds. */
export const KUBE_VERSION = 'v1.34.4';

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

const versions = new Map<string, Promise<string>>();

/** `helm version` of a binary, asked once per process. */
export function helmVersion(helm = helmBinary()): Promise<string> {
  let v = versions.get(helm);
  if (!v) {
    if (!existsSync(helm)) throw new Error(`helm not found at ${helm}: run bash tools/go/build.sh helm (or set HELM)`);
    v = run(helm, ['version', '--template', '{{.Version}}'], { env: isolatedEnv() }).then((r) => r.stdout.trim());
    versions.set(helm, v);
  }
  return v;
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
  };
}

/** Renders a locked chart with `values`; a cache hit returns the stored output without running helm. */
export async function helmTemplate(req: HelmTemplateRequest, opts: HelmOptions = {}): Promise<HelmTemplateResult> {
  const helm = opts.helm ?? helmBinary();
  const [chart, version] = await Promise.all([supplyChart(req.chart, req.version, opts), helmVersion(helm)]);
  const key = templateCacheKey(req, chart.digest, version);
  const outDir = opts.outputDir ?? join(cacheRoot(), 'helm-output');
  const out = join(outDir, `${req.chart}-${req.version}-${key}.yaml`);
  const failed = `${out}.error`;
  if (existsSync(out)) return { manifest: readFileSync(out, 'utf8'), cached: true, key };
  // helm template is a function of the key's inputs: a failure is cached like an output.
  if (existsSync(failed)) throw new HelmTemplateError(readFileSync(failed, 'utf8'), true);
  mkdirSync(outDir, { recursive: true });
  const valuesFile = join(outDir, `.values-${key}-${process.pid}.json`);
  writeFileSync(valuesFile, JSON.stringify(req.values));
  const args = ['template', req.releaseName, chart.dir, '--namespace', req.namespace, '--values', valuesFile,
    '--kube-version', req.kubeVersion, '--include-crds', '--skip-tests',
    ...[...new Set(req.apiVersions)].sort().flatMap((a) => ['--api-versions', a])];
  let manifest: string;
  try {
    manifest = (await run(helm, args, { env: isolatedEnv(), maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (e) {
    const err = e as { stderr?: string; code?: unknown };
    if (typeof err.code === 'string') throw new Error(`helm template ${req.chart} ${req.version}: cannot run ${helm}: ${err.code}`);
    const message = `helm template ${req.chart} ${req.version} (release ${req.releaseName}): ${oneLine(String(err.stderr ?? (e as Error).message))}`;
    writeAtomic(failed, message);
    throw new HelmTemplateError(message, false);
  } finally {
    rmSync(valuesFile, { force: true });
  }
  writeAtomic(out, manifest);
  return { manifest, cached: false, key };
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

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
