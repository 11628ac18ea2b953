// Stateful objects a bad commit must not delete. Argo CD reads per-object sync options from the
// `argocd.argoproj.io/sync-options` annotation (comma-separated):
//   Prune=false  — a sync never prunes the object when it disappears from Git (the Application
//                  shows OutOfSync instead; a person deletes it by hand if that was meant);
//   Delete=false — the object stays when its Application is deleted (the cascading finalizer
//                  skips it), e.g. after an Application's file is removed from dist/<env>/apps.
// Every object that holds or owns data carries both; the ARGO-006 policy rule (which decides what
// counts as stateful and which chart values keys must carry it) checks our objects and the charts'.
const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
const PROTECTED_SYNC_OPTIONS = 'Prune=false,Delete=false';

/** The annotation that keeps an object on prune and on Application deletion. */
export function protectedAnnotations(): Record<string, string> {
  return { [SYNC_OPTIONS_ANNOTATION]: PROTECTED_SYNC_OPTIONS };
}

/** StatefulSets keep their volumes when deleted or scaled down (the Kubernetes default, stated). */
export const RETAIN_VOLUMES = { whenDeleted: 'Retain', whenScaled: 'Retain' } as const;
