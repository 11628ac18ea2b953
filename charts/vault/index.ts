import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { podTokenFromServiceAccount } from '../shared/service-account-token';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { renderRaftSnapshots, snapshotAccess } from './raft-snapshot';
import { VAULT_RELEASE } from './server-config';
import { vaultValues } from './values';
import { vaultFlows } from './flows';

export const HASHICORP_HELM_REPO = 'https://helm.releases.hashicorp.com';

export const vaultComponent: ComponentDefinition = {
  id: 'vault',
  description: 'HashiCorp Vault (raft; HA in staging/prod) with the agent injector',
  namespace: VAULT_NAMESPACE,
  project: 'platform',
  dependsOn: ['namespaces'],
  // Its chart renders ServiceMonitors/PodMonitors when monitoring is on: after the CRDs that define them.
  orderedAfter: ['monitoring'],
  version: (env) => chartVersion(env, 'vault'),
  render: (scope, { env, vaultConsumers }) => {
    renderRaftSnapshots(scope, env);
  },
  vaultConsumers: (env) => [snapshotAccess(env)],
  helm: ({ env }) => ({
    repoURL: HASHICORP_HELM_REPO,
    chart: 'vault',
    version: chartVersion(env, 'vault'),
    releaseName: VAULT_RELEASE,
    values: vaultValues(env),
    // The chart (0.34) has no value for the pods' automountServiceAccountToken; server (TokenReview,
    // its own vault-active labels) and injector (webhook, its certificate Secret) need their tokens,
    // both bound by the chart's bindings: the pods state their ServiceAccounts' setting.
    postRender: podTokenFromServiceAccount,
  }),
  ignoreDifferences: [
    {
      group: 'admissionregistration.k8s.io',
      kind: 'MutatingWebhookConfiguration',
      name: `${VAULT_RELEASE}-agent-injector-cfg`,
      jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
    },
  ],
  flows: vaultFlows,
};
