import type { EnvironmentRule, Finding } from '../../types';
import { vaultConfigurations, vaultSites } from './vault-sites';

export const vaultDeclarationsUsed: EnvironmentRule = {
  id: 'VAULT-006',
  title: 'Every agent or synced declaration is requested by a rendered pod or VaultStaticSecret of its role',
  severity: 'warning',
  rationale: 'A declared path nobody reads is a standing grant with no consumer: drop the declaration or wire the consumer.',
  remediation: 'Use the declared path in the workload\'s annotations or VaultStaticSecret, or remove the declaration.',
  family: 8,
  scope: 'environment',
  check: (rendered) => {
    const sites = vaultSites(rendered);
    const findings: Finding[] = [];
    for (const config of vaultConfigurations(rendered)) {
      for (const role of config.roles) {
        const requested = new Set(sites.filter((s) => s.role === role.name).flatMap((s) => s.paths));
        for (const d of role.declared) {
          if ((d.via === 'agent' || d.via === 'synced') && !requested.has(d.path)) {
            findings.push({ document: config.document, message: `role ${role.name} declares ${d.path} (${d.via}, by ${d.owner}), but no rendered pod or VaultStaticSecret using that role requests it` });
          }
        }
      }
    }
    return findings;
  },
};
