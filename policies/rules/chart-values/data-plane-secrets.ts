import type { ChartValuesRule } from '../../types';
import { DATA_PLANE_CHARTS, finding, secretValues } from './data-plane-values';

export const dataPlaneSecretValues: ChartValuesRule = {
  id: 'CV-DATA-001',
  title: 'No secret value in the values of the Vault, VSO, CloudNativePG, Polaris or Spark operator charts',
  severity: 'error',
  rationale: 'Chart values are committed to git (dist/<env>/<component>/values/) and rendered into the objects; secrets come from Vault or VSO-synced Secrets.',
  remediation: 'Remove the secret value from the chart values; reference an existing Secret synced from Vault.',
  family: 10,
  scope: 'chart-values',
  charts: DATA_PLANE_CHARTS,
  check: (chart) => secretValues(chart.values).map((path) => finding(chart, `${path} looks like a secret value; reference a Secret synced from Vault instead`)),
};
