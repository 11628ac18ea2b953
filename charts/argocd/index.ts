import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { podTokenFromServiceAccount } from '../shared/service-account-token';
import { ARGO_HELM_REPO, ARGOCD_NAMESPACE, ARGOCD_RELEASE } from './constants';
import { renderArgoCdNetworkPolicies } from './network-policies';
import { argoCdValues } from './values';
import { repositorySecret } from './vault-consumers';

export const argocdComponent: ComponentDefinition = {
  id: 'argocd',
  description: 'Argo CD managing itself: the argo-cd chart with RBAC, resource customisations and metrics',
  namespace: ARGOCD_NAMESPACE,
  project: 'platform',
  dependsOn: ['namespaces'],
  // The Argo CD CRDs (ApplicationSet in particular) exceed the client-side apply annotation limit.
  serverSideApply: true,
  version: (env) => chartVersion(env, 'argocd'),
  render: (scope) => renderArgoCdNetworkPolicies(scope),
  helm: ({ env }) => ({
    repoURL: ARGO_HELM_REPO,
    chart: 'argo-cd',
    version: chartVersion(env, 'argocd'),
    releaseName: ARGOCD_RELEASE,
    values: argoCdValues(env),
    // The chart sets automountServiceAccountToken on redis-secret-init's ServiceAccount only (no value
    // reaches the Job's pod); the pod states it (true: its RoleBinding lets it write argocd-redis).
    postRender: podTokenFromServiceAccount,
  }),
  // Argo CD writes server.secretkey into argocd-secret at start-up.
  ignoreDifferences: [{ group: '', kind: 'Secret', name: 'argocd-secret', namespace: ARGOCD_NAMESPACE, jsonPointers: ['/data'] }],
  vaultConsumers: (env) => [repositorySecret(env)],
};
