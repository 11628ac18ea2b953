import type { ChartValuesRule, Finding } from '../../types';
import { HA_ENVIRONMENTS, valueAt } from '../../helpers';

export const kubePrometheusStackAvailability: ChartValuesRule = {
  id: 'CV-KPS-002',
  title: 'Replicated Prometheus, Alertmanager and Grafana have PDBs in staging and prod',
  severity: 'error',
  rationale: 'Alerts must keep flowing while a node drains.',
  remediation: 'Enable the PodDisruptionBudget of every Prometheus, Alertmanager or Grafana that runs more than one replica in staging or prod.',
  family: 10,
  scope: 'chart-values',
  charts: ['kube-prometheus-stack'],
  check: (chart) => {
    if (!HA_ENVIRONMENTS.includes(chart.env)) return [];
    const at = (p: string) => valueAt(chart.values, p);
    const findings: Finding[] = [];
    const require = (ok: boolean, message: string) => {
      if (!ok) findings.push({ message, document: chart.application });
    };
    for (const [component, replicasAt] of [['prometheus', 'prometheus.prometheusSpec.replicas'], ['alertmanager', 'alertmanager.alertmanagerSpec.replicas']] as const) {
      const replicas = at(replicasAt) ?? 1;
      if (replicas > 1) require(at(`${component}.podDisruptionBudget.enabled`) === true, `${replicasAt} is ${replicas} but ${component}.podDisruptionBudget.enabled is not true`);
    }
    if ((at('grafana.replicas') ?? 1) > 1) require(Boolean(at('grafana.podDisruptionBudget')), 'grafana runs several replicas without grafana.podDisruptionBudget');
    return findings;
  },
};
