// What makes a rendered change risky: deleting stateful or cluster-wide objects, changing fields the
// API server refuses to update in place (the object would have to be recreated), rolling stateful
// pods, changing volume templates and Service exposure. CRD and Pod Security changes have their own
// files (crd-changes.ts, pod-security-changes.ts).
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from './version-pins';

/** Kinds whose deletion loses data or takes down everything inside them. */
export const DANGEROUS_DELETIONS: Readonly<Record<string, string>> = {
  StatefulSet: 'its pods go away; PVCs stay but the workload is down until recreated',
  PersistentVolumeClaim: 'the volume and its data can be deleted with it',
  PersistentVolume: 'with reclaim policy Delete the backing storage is deleted with it',
  'Prometheus@monitoring.coreos.com': 'the operator deletes its StatefulSet; the TSDB volumes follow their retention policy',
  'Alertmanager@monitoring.coreos.com': 'the operator deletes its StatefulSet; silences and notification state on its volumes follow their retention policy',
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
  Service: ['spec.clusterIP', 'spec.clusterIPs'],
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

/** Whether Argo CD leaves the object in the cluster when it disappears from Git (sync option Prune=false). */
export function keptOnPrune(body: Record<string, unknown>): boolean {
  const annotations = isRecord(body.metadata) && isRecord(body.metadata.annotations) ? body.metadata.annotations : {};
  const syncOptions = annotations['argocd.argoproj.io/sync-options'];
  return typeof syncOptions === 'string' && syncOptions.split(',').some((o) => o.trim() === 'Prune=false');
}

/** A risky change of one object: what changed and what it does (a flag reads `changes <what> of <object>: <why>`). */
export interface RiskyChange {
  readonly what: string;
  readonly why: string;
}

const at = (body: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), body);

/** A Service type transition and what it does to the Service's exposure, or undefined. */
export function serviceTypeChange(before: Record<string, unknown>, after: Record<string, unknown>): RiskyChange | undefined {
  const a = String(at(before, 'spec.type') ?? 'ClusterIP');
  const b = String(at(after, 'spec.type') ?? 'ClusterIP');
  if (a === b) return undefined;
  const outside = (t: string) => t === 'NodePort' || t === 'LoadBalancer';
  const why =
    b === 'ExternalName' || a === 'ExternalName'
      ? 'the cluster IP is released or newly allocated: clients holding the old address or DNS answer break'
      : outside(b) && !outside(a)
        ? 'it becomes reachable from outside the cluster (node ports' + (b === 'LoadBalancer' ? ' and a cloud load balancer)' : ')')
        : outside(a) && !outside(b)
          ? 'its node ports' + (a === 'LoadBalancer' ? ' and load balancer address are' : ' are') + ' released: external clients lose it'
          : 'node ports or the load balancer address change';
  return { what: `the type ${a} → ${b}`, why };
}

/** A changed pod template of a StatefulSet: how its stateful pods roll. */
export function statefulRollout(before: Record<string, unknown>, after: Record<string, unknown>): RiskyChange | undefined {
  if (isDeepStrictEqual(at(before, 'spec.template'), at(after, 'spec.template'))) return undefined;
  const what = 'the pod template';
  const strategy = at(after, 'spec.updateStrategy.type') ?? 'RollingUpdate';
  if (strategy === 'OnDelete') return { what, why: 'with updateStrategy OnDelete nothing rolls until each pod is deleted by hand' };
  const partition = at(after, 'spec.updateStrategy.rollingUpdate.partition');
  const replicas = at(after, 'spec.replicas') ?? 1;
  const scope = typeof partition === 'number' && partition > 0 ? `pods with ordinal ≥ ${partition}` : `all ${String(replicas)} pod(s)`;
  return { what, why: `restarts ${scope} one at a time, highest ordinal first, each on its own volume (quorum and replication lag matter)` };
}

/** Volume templates outside StatefulSets: operator-managed storage that existing volumes do not follow. */
const VOLUME_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  'Prometheus@monitoring.coreos.com': ['spec.storage'],
  'Alertmanager@monitoring.coreos.com': ['spec.storage'],
  'ThanosRuler@monitoring.coreos.com': ['spec.storage'],
  'Cluster@postgresql.cnpg.io': ['spec.storage', 'spec.walStorage'],
};

/** Changed volume templates of operator-managed storage, and changed PVC sizes. */
export function volumeTemplateChanges(kind: string, apiVersion: unknown, before: Record<string, unknown>, after: Record<string, unknown>): RiskyChange[] {
  const group = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const phrases: RiskyChange[] = [];
  for (const path of VOLUME_TEMPLATES[`${kind}@${group}`] ?? []) {
    if (!isDeepStrictEqual(at(before, path), at(after, path))) {
      phrases.push({
        what: `the volume template \`${path}\``,
        why: 'existing volumes keep their class and size (a larger size needs a storage class with allowVolumeExpansion; a class or access mode change needs new volumes and a data copy)',
      });
    }
  }
  if (kind === 'PersistentVolumeClaim') {
    const [a, b] = [at(before, 'spec.resources.requests.storage'), at(after, 'spec.resources.requests.storage')];
    if (a !== b) phrases.push({ what: `the requested size ${String(a)} → ${String(b)}`, why: 'the API server refuses a smaller size, and a larger one needs a storage class with allowVolumeExpansion' });
  }
  return phrases;
}
