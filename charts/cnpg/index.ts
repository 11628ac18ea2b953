import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { podTokenFromServiceAccount } from '../shared/service-account-token';
import { renderCnpgDisruptionBudget } from './disruption-budget';
import { CNPG_NAMESPACE } from './network-policies';
import { CNPG_RELEASE, cnpgValues } from './values';
import { cnpgFlows } from './flows';

export const CNPG_HELM_REPO = 'https://cloudnative-pg.github.io/charts';

const caBundle = (kind: string, name: string) => ({
  group: 'admissionregistration.k8s.io',
  kind,
  name,
  jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
});

export const cnpgComponent: ComponentDefinition = {
  id: 'cnpg',
  description: 'CloudNativePG operator and its CRDs',
  namespace: CNPG_NAMESPACE,
  project: 'platform',
  dependsOn: ['namespaces'],
  // Its chart renders ServiceMonitors/PodMonitors when monitoring is on: after the CRDs that define them.
  orderedAfter: ['monitoring'],
  serverSideApply: true,
  version: (env) => chartVersion(env, 'cnpg'),
  render: (scope, { env }) => renderCnpgDisruptionBudget(scope, env),
  helm: ({ env }) => ({
    repoURL: CNPG_HELM_REPO,
    chart: 'cloudnative-pg',
    version: chartVersion(env, 'cnpg'),
    releaseName: CNPG_RELEASE,
    values: cnpgValues(env),
    // The chart (0.26) has no value for the pod's automountServiceAccountToken; the operator needs its
    // token (ClusterRoleBinding cnpg-cloudnative-pg): the pod states its ServiceAccount's setting.
    postRender: podTokenFromServiceAccount,
  }),
  // The operator injects its own CA into the webhook configurations at start-up.
  ignoreDifferences: [
    caBundle('MutatingWebhookConfiguration', 'cnpg-mutating-webhook-configuration'),
    caBundle('ValidatingWebhookConfiguration', 'cnpg-validating-webhook-configuration'),
  ],
  flows: cnpgFlows,
};
