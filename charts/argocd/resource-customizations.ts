// argocd-cm resource customisations. Argo CD 2+ no longer derives an Application's health from its
// children, so app-of-apps sync waves would not wait for a child Application to become Healthy;
// this Lua check restores that. Webhook caBundles are rewritten by the operators that own them.

export const APPLICATION_HEALTH_LUA = [
  'hs = {}',
  'hs.status = "Progressing"',
  'hs.message = ""',
  'if obj.status ~= nil and obj.status.health ~= nil then',
  '  hs.status = obj.status.health.status',
  '  if obj.status.health.message ~= nil then',
  '    hs.message = obj.status.health.message',
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
