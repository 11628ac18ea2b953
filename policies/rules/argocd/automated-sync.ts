import type { DocumentRule } from '../../types';

export const automatedSync: DocumentRule = {
  id: 'ARGO-004',
  title: 'Applications sync automatically with prune, self-heal and retry with backoff',
  severity: 'error',
  rationale: 'Git is the source of truth: drift is reverted, deleted objects are pruned, and transient failures retry instead of stalling.',
  remediation: 'Render the Application with syncPolicy.automated {prune: true, selfHeal: true}, retry with a backoff and the required syncOptions.',
  family: 9,
  scope: 'document',
  check: ({ object }) => {
    if (object.kind !== 'Application' || !object.apiVersion?.startsWith('argoproj.io/')) return [];
    const policy = object.spec?.syncPolicy ?? {};
    const findings: string[] = [];
    if (policy.automated?.prune !== true) findings.push('syncPolicy.automated.prune is not true');
    if (policy.automated?.selfHeal !== true) findings.push('syncPolicy.automated.selfHeal is not true');
    if (!policy.retry?.backoff) findings.push('syncPolicy.retry.backoff is not set');
    return findings.map((message) => ({ message }));
  },
};
