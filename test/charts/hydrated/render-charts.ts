// Test helper: every upstream chart of an environment rendered by the real helm binary with the
// generated values, straight from the chart mirror and never from the output cache (so randomness
// in a chart shows up as a difference between two calls), with helm's warnings kept.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { loadEnvironment } from '../../../environments/load';
import type { EnvName } from '../../../environments/catalog';
import { REPO_ROOT } from '../../../render/hydrate/lock';
import { helmBinary } from '../../../render/hydrate/helm';
import { supplyChart } from '../../../render/hydrate/supply';
import { chartRequests, type ComponentChartRequest } from '../../../tools/charts/sources';

const run = promisify(execFile);
export const MIRROR = process.env.GRIDATA_CHART_MIRROR ?? join(REPO_ROOT, '../shared/chart-mirror');

export interface RenderedChart {
  readonly request: ComponentChartRequest;
  readonly manifest: string;
  /** helm's stderr: coalesce warnings about values it ignored. */
  readonly warnings: string;
  readonly objects: any[];
}

/** `helm template` of one request, uncached. */
export async function renderChart(request: ComponentChartRequest): Promise<RenderedChart> {
  const chart = await supplyChart(request.chart, request.version, { mirror: MIRROR });
  const dir = mkdtempSync(join(tmpdir(), 'gridata-chart-values-'));
  try {
    const valuesFile = join(dir, 'values.json');
    writeFileSync(valuesFile, JSON.stringify(request.values));
    const args = ['template', request.releaseName, chart.dir, '--namespace', request.namespace, '--values', valuesFile,
      '--kube-version', request.kubeVersion, '--include-crds', '--skip-tests', ...request.apiVersions.flatMap((a) => ['--api-versions', a])];
    const { stdout, stderr } = await run(helmBinary(), args, { maxBuffer: 256 * 1024 * 1024, env: { PATH: process.env.PATH, HOME: dir } });
    const objects = parseAllDocuments(stdout).map((d) => d.toJS({ maxAliasCount: -1 })).filter((o) => o && typeof o === 'object');
    return { request, manifest: stdout, warnings: stderr, objects };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every chart of `env` but the `skip`ped components, rendered two at a time. */
export async function renderCharts(env: EnvName, skip: ReadonlySet<string> = new Set()): Promise<Map<string, RenderedChart>> {
  const requests = chartRequests(loadEnvironment(env)).filter((r) => !skip.has(r.component));
  const out = new Map<string, RenderedChart>();
  for (let i = 0; i < requests.length; i += 2) {
    const batch = await Promise.all(requests.slice(i, i + 2).map(renderChart));
    for (const r of batch) out.set(r.request.component, r);
  }
  return out;
}

export type PodSpecOwner = { kind: string; name: string; spec: any };

/** Pod specs of the workload objects of a chart (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod). */
export function podSpecs(objects: readonly any[]): PodSpecOwner[] {
  return objects.flatMap((o) => {
    const spec = o.kind === 'Pod' ? o.spec : o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
    return spec && ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Pod'].includes(o.kind) ? [{ kind: o.kind, name: o.metadata.name, spec }] : [];
  });
}

/** Every container (init and regular) of a chart with the object it belongs to. */
export function containers(objects: readonly any[]): { owner: string; container: any; init: boolean }[] {
  return podSpecs(objects).flatMap(({ kind, name, spec }) => [
    ...(spec.initContainers ?? []).map((c: any) => ({ owner: `${kind}/${name}`, container: c, init: true })),
    ...(spec.containers ?? []).map((c: any) => ({ owner: `${kind}/${name}`, container: c, init: false })),
  ]);
}
