// Idempotent provisioning Jobs run as Argo CD PostSync hooks: after every sync that changes the
// application, recreated each time (the previous run is deleted before the new one starts).
export const POST_SYNC_HOOK_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/hook': 'PostSync',
  'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
};
