import type { ChartValuesRule } from '../../types';
import { missingResources } from './values-checks';

export const KPS_RESOURCE_PATHS = [
  'prometheus.prometheusSpec.resources',
  'alertmanager.alertmanagerSpec.resources',
  'prometheusOperator.resources',
  'prometheusOperator.prometheusConfigReloader.resources',
  'prometheusOperator.admissionWebhooks.patch.resources',
  'grafana.resources',
  'grafana.sidecar.resources',
  'kube-state-metrics.resources',
  'prometheus-node-exporter.resources',
];

export const kubePrometheusStackResources: ChartValuesRule = {
  id: 'CV-KPS-001',
  title: 'Every kube-prometheus-stack component has CPU and memory requests and limits',
  severity: 'error',
  rationale: 'Prometheus memory grows with series count; without limits it takes the node down with it.',
  remediation: 'Set resources (cpu/memory requests and limits) for the reported kube-prometheus-stack component from sizing.monitoring in environments/<env>.yaml.',
  family: 10,
  scope: 'chart-values',
  charts: ['kube-prometheus-stack'],
  check: (chart) => missingResources(chart, KPS_RESOURCE_PATHS),
};
