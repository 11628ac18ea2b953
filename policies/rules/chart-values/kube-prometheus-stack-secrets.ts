import type { ChartValuesRule, Finding } from '../../types';
import { valueAt } from '../../helpers';
import { secretLiterals } from './values-checks';

export const kubePrometheusStackSecrets: ChartValuesRule = {
  id: 'CV-KPS-003',
  title: 'Grafana admin credentials come from an existing Secret; no secret literal in the values',
  severity: 'error',
  rationale: 'Otherwise the chart generates an admin password on every Argo CD render (or one is committed to Git).',
  remediation: 'Set grafana.admin.existingSecret (synced from Vault) and remove adminPassword and other secret literals from the values.',
  family: 10,
  scope: 'chart-values',
  charts: ['kube-prometheus-stack'],
  check: (chart) => {
    const finding = (message: string): Finding => ({ message, document: chart.application });
    return [
      ...(valueAt(chart.values, 'grafana.admin.existingSecret') ? [] : [finding('grafana.admin.existingSecret is not set, so the chart generates the admin password')]),
      ...secretLiterals(chart.values).map((p) => finding(`${p} looks like a secret value`)),
    ];
  },
};
