// Submits rendered documents to an API server as server-side apply in dry-run mode with strict
// field validation, in dependency order: CRDs, then namespaces, then everything else.
import { admittedPods } from '../../policies/admitted-pods';
import { POD_SECURITY_ADMISSION_PARAMS } from '../../policies/rules/pod-security/pod-security-admission';
import type { K8sObject } from '../../policies/types';
import { ApiClient, statusMessage } from './api-client';
import { describe, type SourceDocument } from './documents';

export const FIELD_MANAGER = 'gridata-validate';

export type Outcome = 'accepted' | 'refused' | 'unvalidated';

export interface DocumentResult {
  readonly doc: SourceDocument;
  readonly outcome: Outcome;
  /** The API server's own message for a refusal, or why the document could not be validated. */
  readonly message?: string;
  readonly warnings: string[];
}

export interface ValidateOptions {
  /**
   * Really create the rendered CRDs and every namespace the documents use (rendered or not), so
   * the dry runs of custom resources and namespaced objects can be judged. For throwaway control
   * planes only; against a shared cluster everything stays a dry run.
   */
  readonly createPrerequisites?: boolean;
  readonly concurrency?: number;
}

export interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** Maps apiVersion + kind to the REST resource, from the server's discovery documents. */
export class Discovery {
  private readonly cache = new Map<string, Promise<ApiResource[] | undefined>>();

  constructor(private readonly client: ApiClient) {}

  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource | undefined> {
    let resources = this.cache.get(apiVersion);
    if (!resources) {
      const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      resources = this.client
        .getJson<{ resources: ApiResource[] }>(path)
        .then((list) => list?.resources.filter((r) => !r.name.includes('/')));
      this.cache.set(apiVersion, resources);
    }
    return (await resources)?.find((r) => r.kind === kind);
  }

  forget(): void {
    this.cache.clear();
  }
}

export function collectionPath(apiVersion: string, resource: ApiResource, namespace?: string): string {
  const prefix = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const scope = resource.namespaced ? `/namespaces/${encodeURIComponent(namespace!)}` : '';
  return `${prefix}${scope}/${resource.name}`;
}

async function submit(
  client: ApiClient,
  discovery: Discovery,
  doc: SourceDocument,
  dryRun: boolean,
): Promise<DocumentResult> {
  if (doc.syntaxError) return { doc, outcome: 'refused', message: `YAML error: ${doc.syntaxError}`, warnings: [] };
  if (!doc.apiVersion || !doc.kind) {
    return { doc, outcome: 'refused', message: 'not a Kubernetes object: apiVersion and kind are required', warnings: [] };
  }
  const resource = await discovery.resourceFor(doc.apiVersion, doc.kind);
  if (!resource) {
    return {
      doc,
      outcome: 'unvalidated',
      message: `${doc.kind}.${doc.apiVersion} is not served by this API server (no CRD installed for it)`,
      warnings: [],
    };
  }
  if (resource.namespaced && !doc.namespace) {
    return {
      doc,
      outcome: 'refused',
      message: `${doc.kind} is namespaced but metadata.namespace is missing: Argo CD would place it wherever the Application points`,
      warnings: [],
    };
  }
  const query = new URLSearchParams({ fieldManager: FIELD_MANAGER, fieldValidation: 'Strict' });
  if (dryRun) query.set('dryRun', 'All');
  const collection = collectionPath(doc.apiVersion, resource, doc.namespace);
  let response;
  if (doc.name) {
    query.set('force', 'true');
    response = await client.request(
      'PATCH',
      `${collection}/${encodeURIComponent(doc.name)}?${query}`,
      doc.text,
      'application/apply-patch+yaml',
    );
  } else {
    // generateName objects (Argo CD hooks) cannot be applied by name; a create judges them the same way.
    response = await client.request('POST', `${collection}?${query}`, doc.text, 'application/yaml');
  }
  if (response.status >= 200 && response.status < 300) {
    return { doc, outcome: 'accepted', warnings: response.warnings };
  }
  return { doc, outcome: 'refused', message: statusMessage(response.body), warnings: response.warnings };
}

export async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

async function waitForEstablished(client: ApiClient, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const crd = await client.getJson<{ status?: { conditions?: { type: string; status: string }[] } }>(
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
    );
    if (crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    if (Date.now() > deadline) throw new Error(`CRD ${name} was not Established within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Installs CRD manifests for real (throwaway control planes) and waits until they are served. */
export async function installCrds(client: ApiClient, crds: readonly SourceDocument[]): Promise<DocumentResult[]> {
  const discovery = new Discovery(client);
  const results = await inPool(crds, 4, (doc) => submit(client, discovery, doc, false));
  await Promise.all(results.filter((r) => r.outcome === 'accepted').map((r) => waitForEstablished(client, r.doc.name!)));
  return results;
}

/**
 * A namespace the documents use but do not render (Argo CD's CreateNamespace, or one that exists
 * already), labelled with the Pod Security level rule PSS-001 assumes for it, so the pods dry-run
 * into it are judged as the rule judges them.
 */
function namespaceDocument(name: string): SourceDocument {
  const labels = POD_SECURITY_ADMISSION_PARAMS.unrenderedNamespaceLabels;
  return {
    file: '(namespace used by rendered objects but not rendered, created for validation)',
    index: 0,
    text: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }),
    apiVersion: 'v1',
    kind: 'Namespace',
    name,
    reviewOnly: false,
  };
}

/**
 * The ServiceAccounts the documents' pods run as, bare. The ServiceAccount admission plugin refuses a
 * Pod whose account does not exist; here nothing creates `default` (no controller-manager) nor the
 * accounts operators and Helm hooks create at run time, and whether an account is rendered is not
 * what a dry run proves (tools/validate/pod-admission.ts).
 */
function serviceAccountDocuments(documents: readonly SourceDocument[]): SourceDocument[] {
  const accounts = new Set<string>();
  for (const doc of documents) {
    if (!doc.object || !doc.kind) continue;
    for (const pod of admittedPods(doc.object as K8sObject)) {
      if (pod.metadata.namespace) accounts.add(`${pod.metadata.namespace}/${pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default'}`);
    }
  }
  return [...accounts].sort().map((key) => {
    const [namespace, name] = key.split('/') as [string, string];
    return {
      file: '(ServiceAccount a rendered pod runs as, created for validation)',
      index: 0,
      text: JSON.stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } }),
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      name,
      namespace,
      reviewOnly: false,
    };
  });
}

export async function validateDocuments(
  client: ApiClient,
  documents: readonly SourceDocument[],
  options: ValidateOptions = {},
): Promise<DocumentResult[]> {
  const concurrency = options.concurrency ?? 6;
  const discovery = new Discovery(client);
  const isCrd = (d: SourceDocument) =>
    d.kind === 'CustomResourceDefinition' && d.apiVersion?.startsWith('apiextensions.k8s.io/') === true;
  const isNamespace = (d: SourceDocument) => d.kind === 'Namespace' && d.apiVersion === 'v1';
  const crds = documents.filter(isCrd);
  const namespaces = documents.filter(isNamespace);
  const rest = documents.filter((d) => !isCrd(d) && !isNamespace(d));
  const results: DocumentResult[] = [];

  if (options.createPrerequisites) {
    results.push(...(await installCrds(client, crds)));
    discovery.forget();
    results.push(...(await inPool(namespaces, concurrency, (d) => submit(client, discovery, d, false))));
    const rendered = new Set(namespaces.map((d) => d.name));
    const used = [...new Set(rest.map((d) => d.namespace).filter((n): n is string => !!n && !rendered.has(n)))];
    // Namespaces Argo CD creates (CreateNamespace=true) or that exist already; created silently, with
    // the Pod Security labels PSS-001 assumes (applied with force: one rendered in another environment
    // gets exactly these labels back).
    await inPool(used, concurrency, (n) => submit(client, discovery, namespaceDocument(n), false));
    const accounts = await inPool(serviceAccountDocuments(documents), concurrency, (d) => submit(client, discovery, d, false));
    const failed = accounts.find((r) => r.outcome !== 'accepted');
    if (failed) throw new Error(`ServiceAccount ${failed.doc.namespace}/${failed.doc.name} could not be created: ${failed.message}`);
  } else {
    results.push(...(await inPool(crds, concurrency, (d) => submit(client, discovery, d, true))));
    results.push(...(await inPool(namespaces, concurrency, (d) => submit(client, discovery, d, true))));
  }
  results.push(...(await inPool(rest, concurrency, (d) => submit(client, discovery, d, true))));
  return results;
}

export function formatResult(result: DocumentResult): string {
  const head = `${result.outcome.toUpperCase()} ${describe(result.doc)}`;
  return result.message ? `${head}\n    ${result.message.replace(/\n/g, '\n    ')}` : head;
}
