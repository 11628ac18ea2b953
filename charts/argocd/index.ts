import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { ARGO_HELM_REPO, ARGOCD_NAMESPACE, ARGOCD_RELEASE } from './constants';
import { argoCdValues } from './values';
import { repositorySecret } from './vault-consumers';
import { argocdFlows } from './flows';
import { renderUiIngress } from '../shared/ui-ingress';
import { oidcSecret } from './sso';

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
  }),
  // Argo CD writes server.secretkey into argocd-secret at start-up.
  ignoreDifferences: [{ group: '', kind: 'Secret', name: 'argocd-secret', namespace: ARGOCD_NAMESPACE, jsonPointers: ['/data'] }],
  vaultConsumers: (env) => [repositorySecret(env), oidcSecret(env)],
  flows: argocdFlows,
};
