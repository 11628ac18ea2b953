// Pod Security proven by the API server: every pod a rendered object makes the cluster admit
// (policies/admitted-pods.ts: workload templates, Spark driver/executor pods, injected Vault agents)
// is dry-run created as a Pod in its namespace, labelled as in dist/, with PodSecurity admission on.
// A workload's own dry run cannot show this: for Deployments, Jobs... the plugin only warns; it
// refuses the Pods their controllers create later.
//
// The ServiceAccount admission plugin stays on, as on every cluster: it mutates the Pod (token
// volume) before PodSecurity validates it, so the Pod judged here is the Pod a cluster judges. It also
// refuses a Pod whose ServiceAccount does not exist; on a throwaway control plane the ServiceAccounts
// the pods name are created first (bare), because the controller-manager that creates `default`, and
// the operators and Helm hooks that create some of the others, do not run here. Whether a referenced
// ServiceAccount is rendered is not what this stage proves (docs/decisions/9101-pod-security-as-admission-judges-it.md).
import { admittedPods, type AdmittedPod } from '../../policies/admitted-pods';
import type { K8sObject } from '../../policies/types';
import { ApiClient, statusMessage } from './api-client';
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
  /** Create the ServiceAccounts the pods name (throwaway control planes only). */
  readonly createServiceAccounts?: boolean;
  readonly concurrency?: number;
}

/** The pods of every document that has any, with the document they come from. */
export function podsOf(documents: readonly SourceDocument[]): { doc: SourceDocument; pod: AdmittedPod }[] {
  return documents.flatMap((doc) => (doc.object && doc.kind ? admittedPods(doc.object as K8sObject).map((pod) => ({ doc, pod })) : []));
}

function serviceAccountOf(pod: AdmittedPod): string {
  return pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default';
}

async function applyServiceAccount(client: ApiClient, namespace: string, name: string): Promise<void> {
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
  const query = new URLSearchParams({ fieldManager: FIELD_MANAGER, force: 'true' });
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}?${query}`;
  const response = await client.request('PATCH', path, body, 'application/apply-patch+yaml');
  if (response.status >= 300) throw new Error(`ServiceAccount ${namespace}/${name} could not be created: ${statusMessage(response.body)}`);
}

/** Dry-run creates each pod; the documents' namespaces must exist with their labels already. */
export async function dryRunPods(client: ApiClient, documents: readonly SourceDocument[], options: PodAdmissionOptions = {}): Promise<PodResult[]> {
  const pods = podsOf(documents);
  if (options.createServiceAccounts) {
    const accounts = [...new Set(pods.filter(({ pod }) => pod.metadata.namespace).map(({ pod }) => `${pod.metadata.namespace}/${serviceAccountOf(pod)}`))];
    await inPool(accounts, options.concurrency ?? 6, (key) => applyServiceAccount(client, key.split('/')[0]!, key.split('/')[1]!));
  }
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
