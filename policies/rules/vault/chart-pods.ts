// Pods that upstream charts create from their values (Airflow workers, DataHub GMS...) are not in
// dist/, so the Vault rules learn about them from an extractor per chart: given the chart's values,
// it returns each pod's Vault annotations with the ServiceAccount and namespace the chart will use.
//
// Register one next to your chart's values rules, e.g. policies/rules/chart-values/airflow-vault-pods.ts
// (imported from policies/rules/chart-values/index.ts):
//
//   registerChartVaultPods('airflow', (values, chart) => [
//     chartVaultPod(values, { annotationsAt: 'workers.podAnnotations', namespace: chart.application.object.spec.destination.namespace,
//       serviceAccountAt: 'workers.kubernetes.serviceAccount.name', terminates: true, volumesAt: 'workers.extraVolumes' }),
//   ].filter(isDefined));
//
// Any Vault annotation map in a chart's values that no extractor accounts for is itself a finding.
import { valueAt } from '../../helpers';
import type { ChartValues } from '../../types';

export interface ChartVaultPod {
  /** Dotted path of the annotations map inside the values, e.g. `workers.podAnnotations`. */
  readonly where: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** Job/CronJob/task pods: must use pre-populate-only. */
  readonly terminates: boolean;
  /** Pod volumes, when the values define them (to check the Vault token volume's audience). */
  readonly volumes?: readonly any[];
}

export type ChartVaultPodExtractor = (values: Record<string, any>, chart: ChartValues) => ChartVaultPod[];

const extractors = new Map<string, ChartVaultPodExtractor>();

export function registerChartVaultPods(chart: string, extractor: ChartVaultPodExtractor): void {
  extractors.set(chart, extractor);
}

export function chartVaultPods(chart: ChartValues): ChartVaultPod[] {
  return extractors.get(chart.chart)?.(chart.values, chart) ?? [];
}

/** One pod's entry, read from the values at the given dotted paths; undefined when it has no annotations. */
export function chartVaultPod(
  values: Record<string, any>,
  opts: { annotationsAt: string; namespace: string; serviceAccountAt?: string; serviceAccount?: string; terminates: boolean; volumesAt?: string },
): ChartVaultPod | undefined {
  const annotations = valueAt(values, opts.annotationsAt);
  if (!annotations || typeof annotations !== 'object') return undefined;
  const serviceAccount = (opts.serviceAccountAt ? valueAt(values, opts.serviceAccountAt) : undefined) ?? opts.serviceAccount ?? 'default';
  return {
    where: opts.annotationsAt,
    namespace: opts.namespace,
    serviceAccount: String(serviceAccount),
    annotations,
    terminates: opts.terminates,
    volumes: opts.volumesAt ? valueAt(values, opts.volumesAt) : undefined,
  };
}

/** Dotted paths of every annotations-like map in the values that turns on Vault injection. */
export function vaultAnnotationMaps(values: unknown, prefix = ''): string[] {
  if (!values || typeof values !== 'object') return [];
  if (Array.isArray(values)) return values.flatMap((v, i) => vaultAnnotationMaps(v, `${prefix}[${i}]`));
  const found: string[] = [];
  const obj = values as Record<string, unknown>;
  if (obj['vault.hashicorp.com/agent-inject'] !== undefined) found.push(prefix);
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith('vault.hashicorp.com/')) continue;
    found.push(...vaultAnnotationMaps(value, prefix ? `${prefix}.${key}` : key));
  }
  return found;
}
