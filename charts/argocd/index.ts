import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { ARGO_HELM_REPO, ARGOCD_NAMESPACE, ARGOCD_RELEASE } from './constants';
import { argoCdValues } from './values';
import { repositorySecret } from './vault-consumers';
import { argocdFlows } from './flows';
import { renderUiIngress } from '../shared/ui-ingress';
import { oidcSecret } from './sso';

/** The ConfigMaps Argo CD's settings manager reads (through its part-of=argocd informer). */
export const ARGOCD_SETTINGS_CONFIGMAPS = ['argocd-cm', 'argocd-rbac-cm', 'argocd-ssh-known-hosts-cm', 'argocd-tls-certs-cm', 'argocd-gpg-keys-cm'] as const;

export const argocdComponent: ComponentDefinition = {
  id: 'argocd',
  description: 'Argo CD managing itself: the argo-cd chart with RBAC, resource customisations and metrics',
  namespace: ARGOCD_NAMESPACE,
  project: 'platform',
  // cert-manager: the Certificate of its Ingress.
  dependsOn: ['namespaces', 'cert-manager'],
  // Its chart renders ServiceMonitors/PodMonitors when monitoring is on: after the CRDs that define them.
  orderedAfter: ['monitoring'],
  // The Argo CD CRDs (ApplicationSet in particular) exceed the client-side apply annotation limit.
  serverSideApply: true,
  version: (env) => chartVersion(env, 'argocd'),
  // The server serves TLS itself (server.insecure false): the controller speaks HTTPS to it.
  render: (scope, { env }) => renderUiIngress(scope, env, { ui: 'argocd', namespace: ARGOCD_NAMESPACE, service: 'argocd-server', servicePort: 443, backendTls: true }),
  helm: ({ env }) => ({
    repoURL: ARGO_HELM_REPO,
    chart: 'argo-cd',
    version: chartVersion(env, 'argocd'),
    releaseName: ARGOCD_RELEASE,
    values: argoCdValues(env),
    // Argo CD reads its settings through a ConfigMap informer that selects
    // app.kubernetes.io/part-of=argocd: with the standard part-of=gridata the controller exits at
    // start with `configmap "argocd-cm" not found` (found by validate:argocd, decision 0043).
    runtimeSelectors: [{ kind: 'ConfigMap', names: ARGOCD_SETTINGS_CONFIGMAPS, labels: { 'app.kubernetes.io/part-of': 'argocd' } }],
  }),
  // Argo CD writes server.secretkey into argocd-secret at start-up.
  ignoreDifferences: [{ group: '', kind: 'Secret', name: 'argocd-secret', namespace: ARGOCD_NAMESPACE, jsonPointers: ['/data'] }],
  vaultConsumers: (env) => [repositorySecret(env), oidcSecret(env)],
  flows: argocdFlows,
};
