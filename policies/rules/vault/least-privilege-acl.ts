import type { EnvironmentRule } from '../../types';
import { proveLeastPrivilege } from '../../vault-acl/proof';

export const vaultLeastPrivilegeAcl: EnvironmentRule = {
  id: 'VAULT-007',
  title: "Under Vault's ACL semantics, each role's policies allow exactly what its workloads use",
  severity: 'error',
  rationale:
    "The policy HCL the configuration Job writes is evaluated as Vault would (globs, + segments, deny, priority matching): a glob that reaches another identity's secret, or a grant no workload uses, is a privilege nobody asked for; a used path it does not allow fails at run time.",
  remediation:
    "Narrow the policy path (exact paths, no glob over other services' secrets) or declare the use for the workload that needs it in its vaultConsumers; run `npm run vault:acl` to see each identity's checks.",
  family: 8,
  scope: 'environment',
  check: (rendered) => proveLeastPrivilege(rendered).failures.map((f) => ({ message: f.message, document: f.document })),
};
