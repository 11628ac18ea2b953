import type { EnvironmentRule, Finding } from '../../types';
import { ANNOTATION, vaultSites } from './vault-sites';

export const vaultPrePopulateOnly: EnvironmentRule = {
  id: 'VAULT-005',
  title: 'Pods that must terminate get Vault secrets from the init container only',
  severity: 'error',
  rationale: 'The injector has no native sidecar support: an agent sidecar keeps Jobs, Spark and task pods running forever.',
  remediation: 'Add vault.hashicorp.com/agent-pre-populate-only: "true" to pods that must terminate (Jobs, CronJobs, Spark, task pods).',
  family: 8,
  scope: 'environment',
  check: (rendered) => {
    const findings: Finding[] = [];
    for (const site of vaultSites(rendered)) {
      if (site.via === 'agent' && site.terminates && !site.prePopulateOnly) {
        findings.push({ document: site.document, message: `${site.where}: this pod must terminate but has no ${ANNOTATION}agent-pre-populate-only: "true"; the agent sidecar would keep it running` });
      }
    }
    return findings;
  },
};
