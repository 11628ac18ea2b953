// Secrets the clusters need, synced by VSO: the owner's credentials (basic-auth, used by initdb)
// and, where backups are on, the keys of the object store they go to: the in-cluster store's
// `postgres-backup` user, or (prod) the off-cluster store's keys seeded in Vault.
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_ACCESS_KEY_FIELD, OBJECT_STORE_SECRET_KEY_FIELD, objectStoreUserPath } from '../shared/endpoints';
import type { SyncedSecret } from '../shared/vault-secrets';
import {
  BACKUP_CREDENTIALS_SECRET,
  OFF_CLUSTER_BACKUP_CREDENTIALS_SECRET,
  OFF_CLUSTER_KEYS,
  POSTGRES_CLUSTERS,
  offClusterCredentialsPath,
  ownerCredentialsPath,
  ownerSecretName,
} from './clusters';

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
    ...backupCredentials(env),
  }));
  return [...owners, ...backups];
}

/** Where a cluster's backup keys come from: the off-cluster store when the environment names one. */
export function backupCredentials(env: Environment): { secretName: string; path: string; templates: Record<string, string> } {
  const templates = (accessKeyId: string, secretAccessKey: string) => ({
    ACCESS_KEY_ID: `{{ get .Secrets "${accessKeyId}" }}`,
    ACCESS_SECRET_KEY: `{{ get .Secrets "${secretAccessKey}" }}`,
  });
  if (env.postgres.offClusterBackups) {
    return {
      secretName: OFF_CLUSTER_BACKUP_CREDENTIALS_SECRET,
      path: offClusterCredentialsPath(env),
      templates: templates(OFF_CLUSTER_KEYS.accessKeyId, OFF_CLUSTER_KEYS.secretAccessKey),
    };
  }
  return {
    secretName: BACKUP_CREDENTIALS_SECRET,
    path: objectStoreUserPath(env, 'postgres-backup'),
    templates: templates(OBJECT_STORE_ACCESS_KEY_FIELD, OBJECT_STORE_SECRET_KEY_FIELD),
  };
}
