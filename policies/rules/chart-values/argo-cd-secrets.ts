import type { ChartValuesRule, Finding } from '../../types';
import { valueAt } from '../../helpers';
import { secretLiterals } from './values-checks';

/** Values keys through which the chart would put credentials into Git-held values. */
const CREDENTIAL_MAPS = ['configs.repositories', 'configs.credentialTemplates'];

export const argoCdSecrets: ChartValuesRule = {
  id: 'CV-ARGOCD-003',
  title: 'No Argo CD credential or admin password in the chart values',
  severity: 'error',
  rationale: 'Repository credentials come from a VSO-synced Secret labelled as a repository; values are committed to Git.',
  remediation: 'Remove the credential from the values; reference an existing Secret (synced from Vault) instead.',
  family: 10,
  scope: 'chart-values',
  charts: ['argo-cd'],
  check: (chart) => {
    const finding = (message: string): Finding => ({ message, document: chart.application });
    const findings = secretLiterals(chart.values).map((p) => finding(`${p} looks like a secret value`));
    for (const path of CREDENTIAL_MAPS) {
      const entries = valueAt(chart.values, path);
      if (entries && typeof entries === 'object' && Object.keys(entries).length > 0) findings.push(finding(`${path} defines credentials in values; reference a labelled Secret instead`));
    }
    if (valueAt(chart.values, 'configs.secret.argocdServerAdminPassword')) findings.push(finding('configs.secret.argocdServerAdminPassword holds a password hash in values'));
    return findings;
  },
};
