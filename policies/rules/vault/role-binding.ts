import type { EnvironmentRule, Finding } from '../../types';
import { unexplainedChartAnnotations, vaultConfigurations, vaultSites } from './vault-sites';

export const vaultRoleBinding: EnvironmentRule = {
  id: 'VAULT-002',
  title: "A Vault role is bound to exactly the ServiceAccount, namespace and token audience of whoever logs in with it",
  severity: 'error',
  rationale: 'A role usable from another ServiceAccount or namespace hands its secrets to workloads that never declared them.',
  remediation: 'Bind the role to exactly one ServiceAccount and namespace with a token audience, and log in with a projected token of that audience from that ServiceAccount.',
  family: 8,
  scope: 'environment',
  check: (rendered) => {
    const configs = vaultConfigurations(rendered);
    const findings: Finding[] = [];
    for (const config of configs) {
      for (const role of config.roles) {
        if (role.serviceAccount.includes(',') || role.namespace.includes(',') || role.serviceAccount.includes('*') || role.namespace.includes('*')) {
          findings.push({ document: config.document, message: `role ${role.name} is bound to ServiceAccount "${role.serviceAccount}" in namespace "${role.namespace}": exactly one of each is allowed` });
        }
        if (!role.audience) findings.push({ document: config.document, message: `role ${role.name} does not require a token audience` });
      }
    }
    for (const site of vaultSites(rendered)) {
      const role = site.role ? configs.flatMap((c) => c.roles).find((r) => r.name === site.role) : undefined;
      if (!role) continue; // VAULT-001 reports it
      if (role.serviceAccount !== site.serviceAccount || role.namespace !== site.namespace) {
        findings.push({
          document: site.document,
          message: `${site.where}: role ${role.name} is bound to ServiceAccount ${role.namespace}/${role.serviceAccount}, but this login uses ${site.namespace}/${site.serviceAccount}`,
        });
      }
      if (site.audienceProblem) findings.push({ document: site.document, message: `${site.where}: ${site.audienceProblem}` });
      else if (site.audience !== undefined && site.audience !== role.audience) {
        findings.push({ document: site.document, message: `${site.where}: logs in with a token for audience "${site.audience}", but role ${role.name} requires "${role.audience}"` });
      }
    }
    for (const chart of rendered.charts) {
      for (const where of unexplainedChartAnnotations(chart)) {
        findings.push({
          document: chart.application,
          message: `chart ${chart.chart} sets Vault agent annotations at values.${where}, but no extractor tells which ServiceAccount that pod runs as (registerChartVaultPods in policies/rules/vault/chart-pods.ts)`,
        });
      }
    }
    return findings;
  },
};
