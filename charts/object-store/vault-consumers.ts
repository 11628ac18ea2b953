// The object store's Vault declarations: the servers read the root credentials (seeded by people,
// README runbook); the provisioning Job reads them too and creates each service user's keys once.
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_NAMESPACE, OBJECT_STORE_USERS, objectStoreUserPath } from '../shared/endpoints';
import { envFileTemplate, vaultPath, type AgentWorkload, type VaultClient } from '../shared/vault-secrets';

export const MINIO_SERVICE_ACCOUNT = 'minio';
export const PROVISIONER_SERVICE_ACCOUNT = 'minio-provisioner';
export const ROOT_CONFIG_FILE = 'config.env';

export const rootCredentialsPath = (env: Pick<Environment, 'name'>) => vaultPath(env, 'object-store', 'root');

export function minioServerSecrets(env: Environment): AgentWorkload {
  return {
    kind: 'agent',
    identity: { namespace: OBJECT_STORE_NAMESPACE, serviceAccount: MINIO_SERVICE_ACCOUNT },
    terminates: false,
    secrets: [
      {
        name: ROOT_CONFIG_FILE.replace('.', '-'),
        path: rootCredentialsPath(env),
        template: envFileTemplate(rootCredentialsPath(env), { MINIO_ROOT_USER: 'rootUser', MINIO_ROOT_PASSWORD: 'rootPassword' }),
      },
    ],
  };
}

export function provisionerAccess(env: Environment): VaultClient {
  return {
    kind: 'client',
    identity: { namespace: OBJECT_STORE_NAMESPACE, serviceAccount: PROVISIONER_SERVICE_ACCOUNT },
    purpose: 'reads the root credentials and writes each service user\'s generated keys only when absent (check-and-set 0)',
    paths: [
      { path: rootCredentialsPath(env), capabilities: ['read'] },
      ...OBJECT_STORE_USERS.map((user) => ({ path: objectStoreUserPath(env, user), capabilities: ['read', 'create'] as const })),
    ],
  };
}
