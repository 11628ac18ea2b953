import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { renderRaftSnapshots, snapshotAccess } from './raft-snapshot';
import { VAULT_API_PORT, VAULT_RELEASE } from './server-config';
import { vaultValues } from './values';
import { vaultFlows } from './flows';
import { vaultPostRender } from './post-render';
import { renderServerCertificate } from './tls';
import { renderUiIngress } from '../shared/ui-ingress';

export const HASHICORP_HELM_REPO = 'https://helm.releases.hashicorp.com';

export const vaultComponent: ComponentDefinition = {
  id: 'vault',
  description: 'HashiCorp Vault (raft; HA in staging/prod) with the agent injector',
  namespace: VAULT_NAMESPACE,
  project: 'platform',
  // cert-manager: the Certificates of its UI Ingress and of its listener.
  dependsOn: ['namespaces', 'cert-manager'],
  // Its chart renders ServiceMonitors/PodMonitors when monitoring is on: after the CRDs that define them.
  orderedAfter: ['monitoring'],
  version: (env) => chartVersion(env, 'vault'),
  render: (scope, { env, vaultConsumers }) => {
    renderServerCertificate(scope);
    renderRaftSnapshots(scope, env);
    renderUiIngress(scope, env, { ui: 'vault', namespace: VAULT_NAMESPACE, service: `${VAULT_RELEASE}-ui`, servicePort: VAULT_API_PORT, backendTls: true });
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
    // both bound by the chart's bindings: the pods state their ServiceAccounts' setting. The injector
    // gets the listener's CA for the agents it injects (post-render.ts).
    postRender: vaultPostRender,
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
