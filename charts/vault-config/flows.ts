// The configuration Job applies mounts, auth, policies and roles through the Vault API.
import type { Environment } from '../../environments/types';
import { workload, type Flow } from '../shared/flows';
import { selectorLabels } from '../shared/labels';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { toVault } from '../vault/flows';

export const CONFIG_JOB_SUBJECT = { name: 'vault-config', component: 'configuration' };
export const vaultConfigJob = (env: Environment) => workload('vault-config', VAULT_NAMESPACE, 'vault-config-apply', selectorLabels(env.name, CONFIG_JOB_SUBJECT));

export function vaultConfigFlows(env: Environment): Flow[] {
  return [toVault(vaultConfigJob(env), 'The configuration Job writes mounts, auth, policies and roles')];
}
