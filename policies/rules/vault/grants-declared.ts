import type { EnvironmentRule, Finding } from '../../types';
import { vaultConfigurations } from './vault-sites';

export const vaultGrantsDeclared: EnvironmentRule = {
  id: 'VAULT-004',
  title: 'A Vault policy grants nothing its workload did not declare',
  severity: 'error',
  rationale: 'Least privilege: every path and capability a role can use must trace back to a secret declaration.',
  remediation: 'Remove the grant from the Vault policy, or declare the path for the workload that needs it.',
  family: 8,
  guard:
    "configuration.json's policies are generated from the same declarations it lists as `declared`, so today only a broken merge in the generator can trip it; it becomes load-bearing the day a policy is written by hand or read back from Vault.",
  scope: 'environment',
  check: (rendered) => {
    const findings: Finding[] = [];
    for (const config of vaultConfigurations(rendered)) {
      for (const role of config.roles) {
        for (const name of role.policies) {
          const policy = config.policies.find((p) => p.name === name);
          if (!policy) {
            findings.push({ document: config.document, message: `role ${role.name} refers to policy ${name}, which is not rendered` });
            continue;
          }
          for (const rule of policy.rules) {
            for (const capability of rule.capabilities) {
              const declared = role.declared.some((d) => d.path === rule.path && d.capabilities.includes(capability));
              if (!declared) {
                findings.push({ document: config.document, message: `policy ${name} grants ${capability} on ${rule.path}, which no declaration of role ${role.name} asked for` });
              }
            }
          }
        }
      }
    }
    return findings;
  },
};
