// Stateful objects a bad commit must not delete. Argo CD reads per-object sync options from the
// `argocd.argoproj.io/sync-options` annotation (comma-separated):
//   Prune=false  — a sync never prunes the object when it disappears from Git (the Application
//                  shows OutOfSync instead; a person deletes it by hand if that was meant);
//   Delete=false — the object stays when its Application is deleted (the cascading finalizer
//                  skips it), e.g. after an Application's file is removed from dist/<env>/apps.
// Every object that holds or owns data carries both; the ARGO-006 policy rule checks it for our
// rendered objects and for the chart values of the upstream charts that create such objects.
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
export const PROTECTION_OPTIONS = ['Prune=false', 'Delete=false'] as const;
export const PROTECTED_SYNC_OPTIONS = PROTECTION_OPTIONS.join(',');

/** The annotation that keeps an object on prune and on Application deletion. */
export function protectedAnnotations(): Record<string, string> {
  return { [SYNC_OPTIONS_ANNOTATION]: PROTECTED_SYNC_OPTIONS };
}

/** StatefulSets keep their volumes when deleted or scaled down (the Kubernetes default, stated). */
export const RETAIN_VOLUMES = { whenDeleted: 'Retain', whenScaled: 'Retain' } as const;

interface ObjectLike {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
  readonly spec?: any;
}

/**
 * Why an object is stateful (undefined when it is not): Namespaces (deleting one deletes everything
 * in it), PersistentVolumeClaims, StatefulSets with volume claim templates, CloudNativePG Clusters.
 */
export function statefulReason(object: ObjectLike): string | undefined {
  const group = (object.apiVersion ?? '').includes('/') ? object.apiVersion!.split('/')[0] : '';
  if (group === '' && object.kind === 'Namespace') return 'a Namespace (deleting it deletes everything in it)';
  if (group === '' && object.kind === 'PersistentVolumeClaim') return 'a PersistentVolumeClaim';
  if (group === 'apps' && object.kind === 'StatefulSet' && (object.spec?.volumeClaimTemplates?.length ?? 0) > 0) {
    return 'a StatefulSet with volume claim templates';
  }
  if (group === 'postgresql.cnpg.io' && object.kind === 'Cluster') return 'a CloudNativePG Cluster';
  return undefined;
}

/** The sync options an object's annotation sets, e.g. { Prune: 'false', Delete: 'false' }. */
export function syncOptionsOf(annotations: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const value = annotations?.[SYNC_OPTIONS_ANNOTATION];
  if (!value) return {};
  return Object.fromEntries(
    value
      .split(',')
      .map((option) => option.trim())
      .filter(Boolean)
      .map((option) => {
        const at = option.indexOf('=');
        return at < 0 ? [option, ''] : [option.slice(0, at).trim(), option.slice(at + 1).trim()];
      }),
  );
}

/** Which of Prune=false / Delete=false the annotations lack. */
export function missingProtection(annotations: Readonly<Record<string, string>> | undefined): string[] {
  const options = syncOptionsOf(annotations);
  return PROTECTION_OPTIONS.filter((option) => {
    const [key, value] = option.split('=');
    return options[key!] !== value;
  });
}

/**
 * Chart values keys (dotted paths) whose annotations land on the stateful objects an upstream chart
 * creates, per chart. Verified against the charts' templates (vault 0.34.1, kube-prometheus-stack
 * 88.5.3, datahub-prerequisites 0.3.0). Grafana is left out: its volume holds no unique state
 * (every dashboard and data source is provisioned from Git).
 */
export const CHART_PROTECTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  // The server StatefulSet and its raft data volume claim template.
  vault: ['server.statefulSet.annotations', 'server.dataStorage.annotations'],
  // The Prometheus and Alertmanager custom resources: the operator's StatefulSets (and their
  // volumes) are owned by them, so deleting a resource deletes its StatefulSet.
  'kube-prometheus-stack': ['prometheus.annotations', 'alertmanager.annotations'],
  // OpenSearch's StatefulSet; Bitnami MySQL and Kafka only expose annotations for every object
  // of their release (commonAnnotations), which then all stay on prune and deletion.
  'datahub-prerequisites': ['opensearch.openSearchAnnotations', 'mysql.commonAnnotations', 'kafka.commonAnnotations'],
};
