// Secrets the clusters need, synced by VSO: the owner's credentials (basic-auth, used by initdb)
// and, where backups are on, the object-store keys of the `postgres-backup` user.
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_ACCESS_KEY_FIELD, OBJECT_STORE_SECRET_KEY_FIELD, objectStoreUserPath } from '../shared/endpoints';
import type { SyncedSecret } from '../shared/vault-secrets';
import { BACKUP_CREDENTIALS_SECRET, POSTGRES_CLUSTERS, ownerCredentialsPath, ownerSecretName } from './clusters';

export const backupsEnabled = (env: Environment) => env.features.postgresBackups;

export function postgresSecrets(env: Environment): SyncedSecret[] {
  const owners: SyncedSecret[] = POSTGRES_CLUSTERS.map((c) => ({
    kind: 'synced',
    namespace: c.namespace,
    secretName: ownerSecretName(c),
    path: ownerCredentialsPath(env, c),
    secretType: 'kubernetes.io/basic-auth',
  }));
  if (!backupsEnabled(env)) return owners;
  const namespaces = [...new Set(POSTGRES_CLUSTERS.map((c) => c.namespace))].sort();
  const backups: SyncedSecret[] = namespaces.map((namespace) => ({
    kind: 'synced',
    namespace,
    secretName: BACKUP_CREDENTIALS_SECRET,
    path: objectStoreUserPath(env, 'postgres-backup'),
    templates: {
      ACCESS_KEY_ID: `{{ get .Secrets "${OBJECT_STORE_ACCESS_KEY_FIELD}" }}`,
      ACCESS_SECRET_KEY: `{{ get .Secrets "${OBJECT_STORE_SECRET_KEY_FIELD}" }}`,
    },
  }));
  return [...owners, ...backups];
}
