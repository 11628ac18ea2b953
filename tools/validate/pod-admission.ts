// Pod Security proven by the API server: every pod a rendered object makes the cluster admit
// (policies/admitted-pods.ts: workload templates, Spark driver/executor pods, injected Vault agents)
// is dry-run created as a Pod in its namespace, labelled as in dist/, with PodSecurity admission on.
// A workload's own dry run cannot show this: for Deployments, Jobs... the plugin only warns; it
// refuses the Pods their controllers create later.
//
// The ServiceAccount admission plugin stays on, as on every cluster: it mutates the Pod (token
// volume) before PodSecurity validates it, so the Pod judged here is the Pod a cluster judges. On a
// throwaway control plane validate.ts creates the ServiceAccounts the pods run as beforehand
// (docs/decisions/0037-pod-security-as-admission-judges-it.md).
import { admittedPods, type AdmittedPod } from '../../policies/admitted-pods';
import type { K8sObject } from '../../policies/types';
import type { ApiClient } from './api-client';
import { statusMessage } from './api-client';
import { describe, type SourceDocument } from './documents';
import { FIELD_MANAGER, inPool } from './validate';

export interface PodResult {
  readonly doc: SourceDocument;
  readonly pod: AdmittedPod;
  /** `not-submitted`: the model says the pod is never created (the Vault injector refuses it). */
  readonly outcome: 'accepted' | 'refused' | 'not-submitted';
  readonly message?: string;
}

export interface PodAdmissionOptions {
  readonly concurrency?: number;
}

/** The pods of every document that has any, with the document they come from. */
export function podsOf(documents: readonly SourceDocument[]): { doc: SourceDocument; pod: AdmittedPod }[] {
  return documents.flatMap((doc) => (doc.object && doc.kind ? admittedPods(doc.object as K8sObject).map((pod) => ({ doc, pod })) : []));
}

/**
 * Dry-run creates each pod; the documents' namespaces (with their labels) and the ServiceAccounts
 * must exist already (validateDocuments with createPrerequisites does both).
 */
export async function dryRunPods(client: ApiClient, documents: readonly SourceDocument[], options: PodAdmissionOptions = {}): Promise<PodResult[]> {
  const pods = podsOf(documents);
  const query = new URLSearchParams({ dryRun: 'All', fieldManager: FIELD_MANAGER, fieldValidation: 'Strict' });
  return inPool(pods, options.concurrency ?? 6, async ({ doc, pod }): Promise<PodResult> => {
    if (pod.refusal) return { doc, pod, outcome: 'not-submitted', message: pod.refusal };
    if (!pod.metadata.namespace) return { doc, pod, outcome: 'refused', message: 'the pod has no namespace' };
    const body = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata, spec: pod.spec });
    const response = await client.request('POST', `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace)}/pods?${query}`, body);
    if (response.status >= 200 && response.status < 300) return { doc, pod, outcome: 'accepted' };
    return { doc, pod, outcome: 'refused', message: statusMessage(response.body) };
  });
}

export function formatPodResult(result: PodResult): string {
  const head = `${result.outcome === 'refused' ? 'REFUSED' : 'NOT SUBMITTED'} ${describe(result.doc)}: ${result.pod.source}`;
  return result.message ? `${head}\n    ${result.message.replace(/\n/g, '\n    ')}` : head;
}
