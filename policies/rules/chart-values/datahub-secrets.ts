import type { ChartValuesRule, Finding } from '../../types';
import { valueAt } from '../../helpers';
import { DATAHUB_CHART, finding } from './datahub-values';
import { secretLiterals } from './values-checks';

const AUTH = 'global.datahub.metadata_service_authentication';
const REQUIRED_REFERENCES = [
  'global.sql.datasource.password.secretRef',
  `${AUTH}.systemClientSecret.secretRef`,
  `${AUTH}.tokenService.signingKey.secretRef`,
  `${AUTH}.tokenService.salt.secretRef`,
  'global.datahub.encryptionKey.secretRef',
  'datahub-frontend.existingGmsSecret.name',
];
/** Switches that make the chart generate a secret at render time (rotating on every Argo CD sync). */
const GENERATORS = [`${AUTH}.provisionSecrets.enabled`, `${AUTH}.provisionSecrets.autoGenerate`, 'global.datahub.encryptionKey.provisionSecret.enabled', 'global.datahub.encryptionKey.provisionSecret.autoGenerate'];
/** Keys that would hold a secret value inline. */
const LITERALS = ['global.sql.datasource.password.value', `${AUTH}.provisionSecrets.secretValues`, 'global.datahub.encryptionKey.provisionSecret.secretValues', 'datahub-frontend.defaultUserCredentials'];

export const datahubSecrets: ChartValuesRule = {
  id: 'CV-DATAHUB-002',
  title: 'DataHub runs with token authentication, and every secret it uses is a pre-created Secret referenced by name',
  severity: 'error',
  rationale: 'Without token auth GMS is open to the cluster; chart-generated secrets rotate on every Argo CD render and inline values land in git.',
  remediation: 'Enable metadata-service authentication and reference every DataHub secret by Secret name (synced from Vault); drop literal values.',
  family: 10,
  scope: 'chart-values',
  charts: [DATAHUB_CHART],
  check: (chart) => {
    const at = (path: string) => valueAt(chart.values, path);
    const findings: Finding[] = [];
    if (at(`${AUTH}.enabled`) !== true) findings.push(finding(chart, `${AUTH}.enabled is not true, so GMS accepts unauthenticated requests`));
    for (const path of REQUIRED_REFERENCES) if (!at(path)) findings.push(finding(chart, `${path} is not set, so the chart generates or defaults that secret`));
    for (const path of GENERATORS) if (at(path) !== false) findings.push(finding(chart, `${path} must be false: the chart would generate the secret on every render`));
    for (const path of LITERALS) {
      const value = at(path);
      if (value !== undefined && value !== null && !(typeof value === 'object' && Object.keys(value).length === 0)) findings.push(finding(chart, `${path} holds a literal secret value`));
    }
    findings.push(...secretLiterals(chart.values).map((path) => finding(chart, `${path} looks like a secret value`)));
    return findings;
  },
};
