import type { DocumentRule } from '../../types';
import { isSparkApplication, sparkPodsOf } from './spark-applications';

const PREFIX = 'vault.hashicorp.com/';

export const sparkVaultAnnotations: DocumentRule = {
  id: 'PIPE-002',
  title: 'Spark driver and executor get their secrets from Vault with pre-populate-only',
  severity: 'error',
  rationale: 'Spark pods must finish: a Vault agent sidecar would keep them running, and secrets may only come from Vault.',
  remediation: 'Annotate driver and executor with vault.hashicorp.com/agent-inject "true", a role, agent-pre-populate-only "true", at least one agent-inject-secret-* and non-{{ }} template delimiters.',
  family: 8,
  scope: 'document',
  check: ({ object }) => {
    if (!isSparkApplication(object)) return [];
    const findings: string[] = [];
    for (const { path, pod } of sparkPodsOf(object)) {
      const a: Record<string, string> = pod.annotations ?? {};
      const at = (key: string) => a[PREFIX + key];
      if (at('agent-inject') !== 'true') {
        findings.push(`${path}.annotations: ${PREFIX}agent-inject must be "true"`);
        continue;
      }
      if (!at('role')) findings.push(`${path}.annotations: ${PREFIX}role is missing`);
      if (at('agent-pre-populate-only') !== 'true') findings.push(`${path}.annotations: ${PREFIX}agent-pre-populate-only must be "true" (Spark pods must terminate)`);
      const secrets = Object.keys(a).filter((k) => k.startsWith(`${PREFIX}agent-inject-secret-`)).map((k) => k.slice(`${PREFIX}agent-inject-secret-`.length));
      if (secrets.length === 0) findings.push(`${path}.annotations: no ${PREFIX}agent-inject-secret-<name> (nothing to inject)`);
      for (const key of Object.keys(a).filter((k) => k.startsWith(`${PREFIX}agent-inject-template-`))) {
        const name = key.slice(`${PREFIX}agent-inject-template-`.length);
        if (!secrets.includes(name)) findings.push(`${path}.annotations: template ${name} has no matching agent-inject-secret-${name}`);
        // Airflow renders the whole spec with Jinja; consul-template's default {{ }} would be consumed there.
        const left = at(`agent-template-left-delim-${name}`) ?? '{{';
        if (left === '{{' || a[key]!.includes('{{')) {
          findings.push(`${path}.annotations: template ${name} uses {{ }} delimiters, which Airflow's Jinja rendering of the spec would consume; set agent-template-left/right-delim-${name}`);
        }
      }
    }
    return findings.map((message) => ({ message }));
  },
};
