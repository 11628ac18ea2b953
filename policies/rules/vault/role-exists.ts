import type { EnvironmentRule, Finding } from '../../types';
import { ANNOTATION, vaultConfigurations, vaultSites } from './vault-sites';

export const vaultRoleExists: EnvironmentRule = {
  id: 'VAULT-001',
  title: 'Every Vault login names a role that exists in the rendered Vault configuration',
  severity: 'error',
  rationale: 'A pod or synced secret whose role is missing never gets its secrets and fails at run time, not at review.',
  remediation: 'Add the role to the Vault configuration (declare the consumer so the vault-config chart renders it) or fix vault.hashicorp.com/role / the VaultAuth role.',
  family: 8,
  scope: 'environment',
  check: (rendered) => {
    const configs = vaultConfigurations(rendered);
    const findings: Finding[] = [];
    for (const site of vaultSites(rendered)) {
      const what = site.via === 'synced' ? `${site.where}: its VaultAuth` : `${site.where}`;
      if (!site.role) {
        findings.push({
          document: site.document,
          message:
            site.via === 'synced'
              ? `${site.where}: vaultAuthRef names no rendered VaultAuth with a kubernetes role`
              : `${site.where}: ${ANNOTATION}agent-inject is "true" but ${ANNOTATION}role is missing`,
        });
      } else if (configs.length === 0) {
        findings.push({ document: site.document, message: `${what} uses Vault role ${site.role}, but no Vault configuration is rendered in this environment` });
      } else if (!configs.some((c) => c.roles.some((r) => r.name === site.role))) {
        findings.push({ document: site.document, message: `${what} uses Vault role ${site.role}, which does not exist in the rendered Vault configuration` });
      }
    }
    return findings;
  },
};
