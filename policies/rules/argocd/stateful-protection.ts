import type { EnvironmentRule, Finding, K8sObject } from '../../types';
import { valueAt } from '../../helpers';

export interface StatefulProtectionParams {
  /** The annotation Argo CD reads per-object sync options from. */
  readonly annotation: string;
  /** Options every stateful object must set (Prune=false: kept on sync; Delete=false: kept when its Application goes). */
  readonly requiredOptions: readonly string[];
  /** Chart values paths whose annotations land on the stateful objects each upstream chart creates. */
  readonly chartKeys: Readonly<Record<string, readonly string[]>>;
}

/**
 * Written here, not taken from the renderer: what counts as stateful is the policy's judgement.
 * Chart keys were checked against the templates of vault 0.34.1, kube-prometheus-stack 88.5.3 and
 * datahub-prerequisites 0.3.0 (Grafana holds no unique state: its dashboards come from Git).
 */
export const STATEFUL_PROTECTION_PARAMS: StatefulProtectionParams = {
  annotation: 'argocd.argoproj.io/sync-options',
  requiredOptions: ['Prune=false', 'Delete=false'],
  chartKeys: {
    vault: ['server.statefulSet.annotations', 'server.dataStorage.annotations'],
    'kube-prometheus-stack': ['prometheus.annotations', 'alertmanager.annotations'],
    'datahub-prerequisites': ['opensearch.openSearchAnnotations', 'mysql.commonAnnotations', 'kafka.commonAnnotations'],
  },
};

/** Why an object holds or owns data (undefined when it does not). */
export function statefulReason(object: K8sObject): string | undefined {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '';
  if (group === '' && object.kind === 'Namespace') return 'a Namespace (deleting it deletes everything in it)';
  if (group === '' && object.kind === 'PersistentVolumeClaim') return 'a PersistentVolumeClaim';
  const spec = (object as { spec?: { volumeClaimTemplates?: unknown[] } }).spec;
  if (group === 'apps' && object.kind === 'StatefulSet' && (spec?.volumeClaimTemplates?.length ?? 0) > 0) return 'a StatefulSet with volume claim templates';
  if (group === 'postgresql.cnpg.io' && object.kind === 'Cluster') return 'a CloudNativePG Cluster';
  return undefined;
}

/** Which required options the annotations lack (`Prune=false` is met by an option `Prune=false`, spaces ignored). */
function missingOptions(annotations: unknown, params: StatefulProtectionParams): string[] {
  const value = annotations && typeof annotations === 'object' ? (annotations as Record<string, unknown>)[params.annotation] : undefined;
  const present = new Set(typeof value === 'string' ? value.split(',').map((o) => o.replace(/\s+/g, '')) : []);
  return params.requiredOptions.filter((option) => !present.has(option));
}

export const statefulProtection: EnvironmentRule<StatefulProtectionParams> = {
  id: 'ARGO-006',
  title: "Stateful objects carry Prune=false and Delete=false, ours and the upstream charts'",
  severity: 'error',
  rationale:
    'A bad commit that removes a Namespace, a volume, a StatefulSet with volumes, a database Cluster or an Application must not delete the data: Argo CD keeps objects marked Prune=false on sync and Delete=false on Application deletion.',
  remediation:
    'Annotate the object with argocd.argoproj.io/sync-options: Prune=false,Delete=false (protectedAnnotations() in charts/shared/protection.ts); for an upstream chart, at the values key this rule lists for it.',
  family: 9,
  params: STATEFUL_PROTECTION_PARAMS,
  scope: 'environment',
  check: (rendered, params) => {
    const findings: Finding[] = [];
    for (const doc of rendered.documents) {
      if (doc.reviewOnly) continue;
      const reason = statefulReason(doc.object);
      if (!reason) continue;
      const missing = missingOptions(doc.object.metadata.annotations, params);
      if (missing.length > 0) findings.push({ document: doc, message: `${reason} without ${missing.join(', ')} in ${params.annotation}` });
    }
    // A hydrated chart's StatefulSets and PVCs are judged as the documents they are.
    for (const chart of rendered.charts.filter((c) => !c.hydrated)) {
      for (const path of params.chartKeys[chart.chart] ?? []) {
        const missing = missingOptions(valueAt(chart.values, path), params);
        if (missing.length > 0) {
          findings.push({ document: chart.application, message: `chart ${chart.chart}: values ${path} lacks ${params.annotation}: ${params.requiredOptions.join(',')} (missing ${missing.join(', ')})` });
        }
      }
    }
    return findings;
  },
};
