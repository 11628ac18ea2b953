import type { ComponentDefinition } from '../shared/component';
import { GRIDATA_VERSION } from '../shared/version';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { renderVaultConfiguration } from './configuration-chart';
import { vaultConfigFlows } from './flows';

export const vaultConfigComponent: ComponentDefinition = {
  id: 'vault-config',
  description: 'Vault KV mount, Kubernetes auth, policies and roles derived from the secret declarations',
  namespace: VAULT_NAMESPACE,
  project: 'platform',
  dependsOn: ['vault'],
  version: () => GRIDATA_VERSION,
  render: renderVaultConfiguration,
  flows: vaultConfigFlows,
};
