import type { EnvironmentRule, Finding } from '../../types';
import { roleGrants, vaultConfigurations, vaultSites } from './vault-sites';

export const vaultPathsGranted: EnvironmentRule = {
  id: 'VAULT-003',
  title: "The role's policies grant read on every Vault path a pod or synced secret requests",
  severity: 'error',
  rationale: 'A requested path the policy does not grant is a permission-denied at pod start, found in review instead.',
  remediation: 'Declare the path for the workload so its role\'s policy grants read on it, or stop requesting the path.',
  family: 8,
  scope: 'environment',
  check: (rendered) => {
    const configs = vaultConfigurations(rendered);
    const findings: Finding[] = [];
    for (const site of vaultSites(rendered)) {
      if (site.via === 'agent' && site.paths.length === 0) {
        findings.push({ document: site.document, message: `${site.where}: Vault injection is on but no agent-inject-secret-<name> annotation requests anything` });
      }
      for (const config of configs) {
        const role = config.roles.find((r) => r.name === site.role);
        if (!role) continue;
        for (const path of site.paths) {
          if (!roleGrants(config, role, path, 'read')) {
            findings.push({ document: site.document, message: `${site.where}: requests ${path}, which the policies of role ${role.name} (${role.policies.join(', ')}) do not grant read` });
          }
        }
      }
    }
    return findings;
  },
};
