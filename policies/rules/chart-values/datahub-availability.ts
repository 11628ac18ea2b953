import type { ChartValuesRule, Finding } from '../../types';
import { HA_ENVIRONMENTS, valueAt } from '../../helpers';
import { DATAHUB_CHART, finding } from './datahub-values';

/** Deployments that serve users and lineage; the chart names their pods app.kubernetes.io/name=<key>. */
export const DATAHUB_HA_COMPONENTS = ['datahub-gms', 'datahub-frontend'];

export const datahubAvailability: ChartValuesRule = {
  id: 'CV-DATAHUB-003',
  title: 'DataHub GMS and frontend run at least 2 replicas covered by a PodDisruptionBudget in staging and prod',
  severity: 'error',
  rationale: 'A single GMS stops lineage from Airflow and every ingestion during a node drain; the chart has no PDB values, so ours must exist.',
  remediation: 'In staging and prod set GMS and frontend replicaCount to 2 or more and enable their PodDisruptionBudget.',
  family: 10,
  scope: 'chart-values',
  charts: [DATAHUB_CHART],
  check: (chart, rendered) => {
    const findings: Finding[] = [];
    const gmsReplicas = valueAt(chart.values, 'datahub-gms.replicaCount') ?? 1;
    // The chart refuses to render several GMS replicas with UI-managed ingestion unless consumers are standalone.
    if (gmsReplicas > 1 && valueAt(chart.values, 'global.datahub.managed_ingestion.enabled') !== false && valueAt(chart.values, 'global.datahub_standalone_consumers_enabled') !== true) {
      findings.push(finding(chart, `datahub-gms.replicaCount is ${gmsReplicas} with managed ingestion on and embedded consumers: the chart fails to render`));
    }
    if (!HA_ENVIRONMENTS.includes(chart.env)) return findings;
    const namespace = chart.application.object.spec?.destination?.namespace;
    const release = chart.application.object.spec?.sources?.find((s: any) => s.chart === DATAHUB_CHART)?.helm?.releaseName ?? chart.application.object.spec?.source?.helm?.releaseName;
    for (const component of DATAHUB_HA_COMPONENTS) {
      const replicas = valueAt(chart.values, `${component}.replicaCount`) ?? 1;
      if (replicas < 2) findings.push(finding(chart, `${component}.replicaCount is ${replicas}, expected at least 2`));
      const covered = rendered.documents.some((d) => {
        const o = d.object;
        const selector = o.spec?.selector?.matchLabels ?? {};
        return o.kind === 'PodDisruptionBudget' && o.metadata.namespace === namespace && selector['app.kubernetes.io/name'] === component && (!release || selector['app.kubernetes.io/instance'] === release);
      });
      if (!covered) findings.push(finding(chart, `no PodDisruptionBudget in ${namespace} selects ${component} pods of release ${release}`));
    }
    return findings;
  },
};
