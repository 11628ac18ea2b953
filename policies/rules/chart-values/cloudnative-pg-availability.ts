import type { ChartValuesRule, Finding } from '../../types';
import { HA_ENVIRONMENTS, matchesSelector, valueAt } from '../../helpers';
import { finding } from './data-plane-values';

export interface CnpgAvailabilityParams {
  /** The operator pod's name label; the instance label is the Application's Helm release name. */
  readonly operatorName: string;
}

/**
 * cloudnative-pg (0.26.0) has no PodDisruptionBudget template and no value for one, so a
 * `podDisruptionBudget` key in its values protects nothing: what is judged is a PodDisruptionBudget
 * object in the operator's namespace that selects its pods (ours: charts/cnpg/disruption-budget.ts).
 */
export const cnpgAvailability: ChartValuesRule<CnpgAvailabilityParams> = {
  id: 'CV-CNPG-002',
  title: 'The CloudNativePG operator runs redundant replicas with a PodDisruptionBudget in staging and prod',
  severity: 'error',
  rationale: 'A single operator, or replicas a node drain can evict together, stops failovers and webhook admissions during routine maintenance.',
  remediation:
    'In staging and prod give the operator at least 2 replicas (replicaCount), required pod anti-affinity, and render a PodDisruptionBudget selecting its pods in the cnpg folder (charts/cnpg/disruption-budget.ts).',
  family: 10,
  scope: 'chart-values',
  charts: ['cloudnative-pg'],
  params: { operatorName: 'cloudnative-pg' },
  check: (chart, rendered, params) => {
    const findings: Finding[] = [];
    if (valueAt(chart.values, 'podDisruptionBudget') !== undefined) {
      findings.push(finding(chart, 'podDisruptionBudget is not a value of the cloudnative-pg chart (it renders no PodDisruptionBudget): remove it'));
    }
    if (!HA_ENVIRONMENTS.includes(chart.env)) return findings;
    const replicas = valueAt(chart.values, 'replicaCount') ?? 1;
    if (replicas < 2) findings.push(finding(chart, `replicaCount is ${replicas}, expected at least 2`));
    const antiAffinity = valueAt(chart.values, 'affinity.podAntiAffinity');
    if (!antiAffinity || Object.keys(antiAffinity).length === 0) findings.push(finding(chart, 'affinity.podAntiAffinity is not set'));
    const namespace = chart.application.object.spec?.destination?.namespace;
    // The operator's pods: those of the hydrated Deployment when it is rendered, else the chart's
    // selector labels for the Application's release.
    const operator = rendered.documents.find(
      (d) => d.object.kind === 'Deployment' && d.object.metadata.namespace === namespace && d.object.spec?.template?.metadata?.labels?.['app.kubernetes.io/name'] === params.operatorName,
    );
    const release = chart.application.object.spec?.source?.helm?.releaseName ?? chart.application.object.spec?.sources?.find((s: any) => s.chart === chart.chart)?.helm?.releaseName;
    const podLabels: Record<string, string> = operator?.object.spec.template.metadata.labels ?? { 'app.kubernetes.io/name': params.operatorName, 'app.kubernetes.io/instance': String(release) };
    const budget = rendered.documents.some(
      (d) => d.object.kind === 'PodDisruptionBudget' && d.object.metadata.namespace === namespace && matchesSelector(d.object.spec?.selector, podLabels),
    );
    if (!budget) findings.push(finding(chart, `no PodDisruptionBudget in namespace ${namespace} selects the operator pods (${Object.entries(podLabels).map(([k, v]) => `${k}=${v}`).join(', ')})`));
    return findings;
  },
};
