// What makes a rendered change risky: deleting stateful or cluster-wide objects, and changing
// fields the API server refuses to update in place (the object would have to be recreated).

/** Kinds whose deletion loses data or takes down everything inside them. */
export const DANGEROUS_DELETIONS: Readonly<Record<string, string>> = {
  StatefulSet: 'its pods go away; PVCs stay but the workload is down until recreated',
  PersistentVolumeClaim: 'the volume and its data can be deleted with it',
  Namespace: 'every object in the namespace is deleted',
  CustomResourceDefinition: 'every custom resource of that type is deleted cluster-wide',
  'Cluster@postgresql.cnpg.io': 'the CloudNativePG database cluster and its instances are deleted',
  'Application@argoproj.io': 'with the resources finalizer Argo CD cascade-deletes everything the Application manages',
};

/** Field prefixes that are immutable per kind (changing them makes the sync fail or forces a replace). */
export const IMMUTABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec.selector'],
  DaemonSet: ['spec.selector'],
  ReplicaSet: ['spec.selector'],
  StatefulSet: ['spec.selector', 'spec.volumeClaimTemplates', 'spec.serviceName', 'spec.podManagementPolicy'],
  Job: ['spec.selector', 'spec.template'],
  PersistentVolumeClaim: ['spec.storageClassName', 'spec.accessModes', 'spec.volumeMode', 'spec.volumeName'],
};

/** The deletion rule for an object (kinds qualified by API group where the bare kind is ambiguous). */
export function deletionRisk(kind: string, apiVersion: unknown): string | undefined {
  const group = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return DANGEROUS_DELETIONS[`${kind}@${group}`] ?? DANGEROUS_DELETIONS[kind];
}

/** The immutable prefixes among `paths` for a kind, each reported once. */
export function immutableFieldsTouched(kind: string, paths: readonly string[]): string[] {
  const prefixes = IMMUTABLE_FIELDS[kind] ?? [];
  return prefixes.filter((prefix) => paths.some((p) => p === prefix || p.startsWith(prefix + '.') || p.startsWith(prefix + '[')));
}

/**
 * Objects Argo CD recreates instead of patching, so immutable fields may change: sync hooks (their
 * default delete policy is BeforeHookCreation) and objects synced with Replace=true.
 */
export function recreatedBySync(body: Record<string, unknown>): boolean {
  const metadata = body.metadata as { annotations?: Record<string, unknown> } | undefined;
  const annotations = metadata?.annotations ?? {};
  if (typeof annotations['argocd.argoproj.io/hook'] === 'string') return true;
  const syncOptions = annotations['argocd.argoproj.io/sync-options'];
  return typeof syncOptions === 'string' && syncOptions.split(',').some((o) => o.trim() === 'Replace=true');
}
