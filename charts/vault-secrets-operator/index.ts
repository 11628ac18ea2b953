import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { HASHICORP_HELM_REPO } from '../vault';
import { VSO_NAMESPACE } from './network-policies';
import { vsoPostRender } from './post-render';
import { renderSyncedSecrets } from './synced-secrets';
import { VSO_RELEASE, vsoValues } from './values';
import { vsoFlows } from './flows';

export const vaultSecretsOperatorComponent: ComponentDefinition = {
  id: 'vault-secrets-operator',
  description: 'Vault Secrets Operator, and the VaultConnection/VaultAuth/VaultStaticSecret objects of every synced secret',
  namespace: VSO_NAMESPACE,
  project: 'platform',
  dependsOn: ['vault-config'],
  serverSideApply: true,
  version: (env) => chartVersion(env, 'vaultSecretsOperator'),
  render: (scope, { env, vaultConsumers }) => {
    renderSyncedSecrets(scope, vaultConsumers);
  },
  helm: ({ env }) => ({
    repoURL: HASHICORP_HELM_REPO,
    chart: 'vault-secrets-operator',
    version: chartVersion(env, 'vaultSecretsOperator'),
    releaseName: VSO_RELEASE,
    values: vsoValues(env),
    // Labels for the hook Jobs' pods, the metrics proxy's probes and explicit pod tokens: no chart value reaches them (post-render.ts).
    postRender: vsoPostRender,
  }),
  flows: vsoFlows,
};
