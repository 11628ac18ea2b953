// argocd-cm resource customisations. Argo CD 2+ no longer derives an Application's health from its
// children, so app-of-apps sync waves would not wait for a child Application to become Healthy;
// this Lua check restores that. Webhook caBundles are rewritten by the operators that own them.
//
// Healthy alone is not enough: between a child's PreSync hooks and its Sync phase its health reads
// Healthy while its resources are still missing, and the root then started the next wave before
// monitoring's CRDs existed (seen by validate:argocd, decision 0043). So a child counts as Healthy
// only once it is also Synced and no sync operation of it is running (PostSync hooks included).
// The root lists its own Application (component label `bootstrap`): that one is never a gate, or
// the root would wait for its own sync to finish.

export const APPLICATION_HEALTH_LUA = [
  'hs = {}',
  'if obj.metadata.labels ~= nil and obj.metadata.labels["app.kubernetes.io/component"] == "bootstrap" then',
  '  hs.status = "Healthy"',
  '  hs.message = "the root Application is not gated on its own sync"',
  '  return hs',
  'end',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'if obj.status ~= nil and obj.status.health ~= nil then',
  '  hs.status = obj.status.health.status',
  '  if obj.status.health.message ~= nil then',
  '    hs.message = obj.status.health.message',
  '  end',
  'end',
  'if hs.status == "Healthy" then',
  '  if obj.status.sync == nil or obj.status.sync.status ~= "Synced" then',
  '    hs.status = "Progressing"',
  '    hs.message = "Healthy but not Synced yet"',
  '  elseif obj.status.operationState ~= nil and obj.status.operationState.phase == "Running" then',
  '    hs.status = "Progressing"',
  '    hs.message = "Healthy but its sync is still running"',
  '  end',
  'end',
  'return hs',
  '',
].join('\n');

const CA_BUNDLE_IGNORE = 'jqPathExpressions:\n  - .webhooks[]?.clientConfig.caBundle\n';

export function resourceCustomizations(): Record<string, string> {
  return {
    'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA,
    'resource.customizations.ignoreDifferences.admissionregistration.k8s.io_MutatingWebhookConfiguration': CA_BUNDLE_IGNORE,
    'resource.customizations.ignoreDifferences.admissionregistration.k8s.io_ValidatingWebhookConfiguration': CA_BUNDLE_IGNORE,
    // Aggregated ClusterRoles get their rules filled in by the API server.
    'resource.compareoptions': 'ignoreAggregatedRoles: true\n',
  };
}
