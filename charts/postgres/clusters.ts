// The Postgres clusters the platform runs, each beside its consumer or, where the consumer runs
// job code, in a namespace of its own. Names and Services are what
// consumers connect to: `<name>-rw.<namespace>.svc:5432` (CloudNativePG's read-write Service).
import type { Environment, Workload } from '../../environments/types';
import { AIRFLOW_DB_NAMESPACE, ICEBERG_CATALOG_NAMESPACE } from '../shared/endpoints';
import { vaultPath } from '../shared/vault-secrets';

export interface PostgresCluster {
  readonly name: string;
  readonly namespace: string;
  readonly database: string;
  readonly owner: string;
  /** Service (Vault path `<env>/<service>/...`) that owns the credentials. */
  readonly service: string;
  readonly sizing: (env: Environment) => Workload;
  readonly storage: (env: Environment) => string;
}

export const POSTGRES_CLUSTERS: readonly PostgresCluster[] = [
  {
    name: 'airflow-db',
    // Not beside Airflow: the namespace where DAG code runs holds no database (rule RBAC-002).
    namespace: AIRFLOW_DB_NAMESPACE,
    database: 'airflow',
    owner: 'airflow',
    service: 'airflow',
    sizing: (env) => env.sizing.postgres.airflowDb,
    storage: (env) => env.storage.airflowDb,
  },
  {
    name: 'catalog-db',
    namespace: ICEBERG_CATALOG_NAMESPACE,
    database: 'polaris',
    owner: 'polaris',
    service: 'iceberg-catalog',
    sizing: (env) => env.sizing.postgres.catalogDb,
    storage: (env) => env.storage.catalogDb,
  },
];

export const POSTGRES_PORT = 5432;
export const rwService = (c: PostgresCluster) => `${c.name}-rw.${c.namespace}.svc`;
export const ownerSecretName = (c: PostgresCluster) => `${c.name}-owner`;
/** Vault path of the owner's credentials (keys `username`, `password`), seeded by people (runbook). */
export const ownerCredentialsPath = (env: Pick<Environment, 'name'>, c: PostgresCluster) => vaultPath(env, c.service, `${c.name}-owner`);
export const BACKUP_CREDENTIALS_SECRET = 'postgres-backup-s3';
/** The Secret with the off-cluster store's keys (prod: `postgres.offClusterBackups`), synced by VSO. */
export const OFF_CLUSTER_BACKUP_CREDENTIALS_SECRET = 'postgres-backup-offsite';
/**
 * Vault path of the off-cluster store's keys (`access-key-id`, `secret-access-key`), seeded by
 * people from the cloud account that owns the bucket (charts/postgres/README.md).
 */
export const offClusterCredentialsPath = (env: Pick<Environment, 'name'>) => vaultPath(env, 'postgres', 'offsite-backup');
export const OFF_CLUSTER_KEYS = { accessKeyId: 'access-key-id', secretAccessKey: 'secret-access-key' } as const;

export function postgresCluster(name: string): PostgresCluster {
  const found = POSTGRES_CLUSTERS.find((c) => c.name === name);
  if (!found) throw new Error(`unknown Postgres cluster ${name}`);
  return found;
}
