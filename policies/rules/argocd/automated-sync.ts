import type { DocumentRule } from '../../types';
import { isApplication } from './application-sources';

export interface AutomatedSyncParams {
  /** syncOptions every Application must carry (others may be added per Application). */
  readonly requiredSyncOptions: readonly string[];
  /** Smallest acceptable syncPolicy.retry.limit. */
  readonly minRetryLimit: number;
}

/**
 * What the policy requires of every Application, written here rather than taken from the
 * renderer's syncPolicy(): namespaces come from the namespaces component (with their Pod Security
 * labels), never from Argo CD; deletions run after everything else is applied; and an object two
 * Applications both claim fails the sync instead of flapping between them.
 */
export const AUTOMATED_SYNC_PARAMS: AutomatedSyncParams = {
  requiredSyncOptions: ['CreateNamespace=false', 'PruneLast=true', 'FailOnSharedResource=true'],
  minRetryLimit: 1,
};

export const automatedSync: DocumentRule<AutomatedSyncParams> = {
  id: 'ARGO-004',
  title: 'Applications sync automatically with prune, self-heal, retry with backoff and the required sync options',
  severity: 'error',
  rationale: 'Git is the source of truth: drift is reverted, deleted objects are pruned, transient failures retry, namespaces are never created ad hoc and shared objects fail loudly.',
  remediation: 'Render the Application with syncPolicy.automated {prune: true, selfHeal: true}, retry with a backoff and the required syncOptions.',
  family: 9,
  params: AUTOMATED_SYNC_PARAMS,
  scope: 'document',
  check: (doc, params) => {
    if (!isApplication(doc)) return [];
    const policy = doc.object.spec?.syncPolicy ?? {};
    const findings: string[] = [];
    if (policy.automated?.prune !== true) findings.push('syncPolicy.automated.prune is not true');
    if (policy.automated?.selfHeal !== true) findings.push('syncPolicy.automated.selfHeal is not true');
    if (policy.automated?.allowEmpty === true) findings.push('syncPolicy.automated.allowEmpty is true (an empty render would prune everything)');
    if (!policy.retry?.backoff) findings.push('syncPolicy.retry.backoff is not set');
    const limit = policy.retry?.limit;
    if (typeof limit !== 'number' || (limit >= 0 && limit < params.minRetryLimit)) {
      findings.push(`syncPolicy.retry.limit is ${JSON.stringify(limit)}, expected at least ${params.minRetryLimit} (or -1 for unlimited)`);
    }
    const options: string[] = policy.syncOptions ?? [];
    const missing = params.requiredSyncOptions.filter((o) => !options.includes(o));
    if (missing.length) findings.push(`syncPolicy.syncOptions lacks ${missing.join(', ')}`);
    return findings.map((message) => ({ message }));
  },
};
