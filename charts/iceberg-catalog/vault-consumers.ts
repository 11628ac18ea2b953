// The catalog's Secrets, synced by VSO from Vault: the JDBC connection to its CloudNativePG
// database (same owner credentials the cluster was initialised with) and its object-store keys.
import type { Environment } from '../../environments/types';
import { ICEBERG_CATALOG_NAMESPACE, OBJECT_STORE_ACCESS_KEY_FIELD, OBJECT_STORE_SECRET_KEY_FIELD, objectStoreUserPath } from '../shared/endpoints';
import type { SyncedSecret } from '../shared/vault-secrets';
import { POSTGRES_PORT, ownerCredentialsPath, postgresCluster, rwService } from '../postgres/clusters';
import { PERSISTENCE_SECRET, STORAGE_SECRET } from './values';

export const CATALOG_DB = postgresCluster('catalog-db');

export function catalogSecrets(env: Environment): SyncedSecret[] {
  const restart = [{ kind: 'Deployment' as const, name: 'polaris' }];
  return [
    {
      kind: 'synced',
      namespace: ICEBERG_CATALOG_NAMESPACE,
      secretName: PERSISTENCE_SECRET,
      path: ownerCredentialsPath(env, CATALOG_DB),
      templates: {
        username: '{{ get .Secrets "username" }}',
        password: '{{ get .Secrets "password" }}',
        jdbcUrl: `jdbc:postgresql://${rwService(CATALOG_DB)}:${POSTGRES_PORT}/${CATALOG_DB.database}`,
      },
      rolloutRestartTargets: restart,
    },
    {
      kind: 'synced',
      namespace: ICEBERG_CATALOG_NAMESPACE,
      secretName: STORAGE_SECRET,
      path: objectStoreUserPath(env, 'iceberg-catalog'),
      templates: {
        awsAccessKeyId: `{{ get .Secrets "${OBJECT_STORE_ACCESS_KEY_FIELD}" }}`,
        awsSecretAccessKey: `{{ get .Secrets "${OBJECT_STORE_SECRET_KEY_FIELD}" }}`,
      },
      rolloutRestartTargets: restart,
    },
  ];
}
