import type { ChartValuesRule, Finding } from '../../types';
import { valueAt } from '../../helpers';
import { secretLiterals } from './values-checks';

/** Secrets the chart generates at render time unless they are referenced by name. */
// data.brokerUrlSecretName: the chart renders a broker URL Secret for any executor unless it is named.
export const AIRFLOW_SECRET_REFERENCES = ['fernetKeySecretName', 'apiSecretKeySecretName', 'jwtSecretName', 'data.metadataSecretName', 'data.brokerUrlSecretName'];
const LITERAL_KEYS = ['fernetKey', 'apiSecretKey', 'jwtSecret', 'webserverSecretKey', 'data.metadataConnection.pass', 'data.brokerUrl'];

export const airflowSecrets: ChartValuesRule = {
  id: 'CV-AIRFLOW-002',
  title: 'Airflow secrets are pre-created Secrets referenced by name, and Helm hooks are off',
  severity: 'error',
  rationale: 'Argo CD renders the chart on every sync: chart-generated secrets would rotate, and Helm hooks would not run as the chart expects.',
  remediation: 'Reference pre-created Secrets by name (fernetKeySecretName, apiSecretKeySecretName, jwtSecretName, data.metadataSecretName, data.brokerUrlSecretName), drop literal secrets and set useHelmHooks: false.',
  family: 10,
  scope: 'chart-values',
  charts: ['airflow'],
  check: (chart) => {
    const at = (path: string) => valueAt(chart.values, path);
    const finding = (message: string): Finding => ({ message, document: chart.application });
    return [
      ...AIRFLOW_SECRET_REFERENCES.filter((p) => !at(p)).map((p) => finding(`${p} is not set, so the chart generates that secret on every render`)),
      ...LITERAL_KEYS.filter((p) => at(p) !== undefined && at(p) !== null).map((p) => finding(`${p} holds a literal secret value`)),
      ...secretLiterals(chart.values).map((p) => finding(`${p} looks like a secret value`)),
      ...['migrateDatabaseJob', 'createUserJob'].filter((job) => at(`${job}.useHelmHooks`) !== false).map((job) => finding(`${job}.useHelmHooks must be false under Argo CD`)),
    ];
  },
};
