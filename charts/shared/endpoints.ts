// In-cluster addresses and names of the data plane that other components and the pipelines use.
// Consumers keep to plain S3 settings (endpoint, path-style, region, static keys from Vault) so the
// object store backend can be swapped without touching them (reference/components.md §4).
import type { Environment } from '../../environments/types';
import { vaultPath } from './vault-secrets';

// ── Object store (MinIO, charts/object-store) ──────────────────────────────────────────────────
export const OBJECT_STORE_NAMESPACE = 'object-store';
export const OBJECT_STORE_SERVICE = 'minio';
export const OBJECT_STORE_PORT = 9000;
export const S3_ENDPOINT = `http://${OBJECT_STORE_SERVICE}.${OBJECT_STORE_NAMESPACE}.svc:${OBJECT_STORE_PORT}`;
/** MinIO has no bucket DNS here: every client must use path-style access. */
export const S3_PATH_STYLE_ACCESS = true;
export const s3Region = (env: Environment): string => env.objectStore.region;

export const BUCKETS = {
  raw: 'gridata-raw',
  staging: 'gridata-staging',
  curated: 'gridata-curated',
  archive: 'gridata-archive',
  checkpoints: 'gridata-checkpoints',
} as const;

/** Services that get their own object-store user (and nothing else may reach MinIO). */
export const OBJECT_STORE_USERS = ['spark', 'airflow', 'datahub', 'iceberg-catalog', 'postgres-backup', 'vault-snapshot'] as const;
export type ObjectStoreUser = (typeof OBJECT_STORE_USERS)[number];

/**
 * Vault KV path of a service's object-store keys (keys `accessKey` and `secretKey`), written by the
 * provisioning Job only when absent. Declare it in your Vault consumers to read it.
 */
export function objectStoreUserPath(env: Pick<Environment, 'name'>, user: ObjectStoreUser): string {
  return vaultPath(env, 'object-store', `users/${user}`);
}
export const OBJECT_STORE_ACCESS_KEY_FIELD = 'accessKey';
/** Where the CloudNativePG clusters keep their base backups and WAL archives. */
export const POSTGRES_BACKUP_PREFIX = 'postgres';
/** Key prefix of the Vault raft snapshots in the archive bucket (below it: <env>/). */
export const VAULT_SNAPSHOT_PREFIX = 'vault-snapshots';
export const OBJECT_STORE_SECRET_KEY_FIELD = 'secretKey';

// ── Iceberg REST catalog (Apache Polaris, charts/iceberg-catalog) ──────────────────────────────
export const ICEBERG_CATALOG_NAMESPACE = 'iceberg-catalog';
/**
 * The Airflow metadata DB (CNPG Cluster and Pooler) and its credentials live apart from the
 * namespace where DAG code runs: the scheduler may create, patch and delete pods in `airflow`
 * (task pods), which would reach the database pods and their Secrets there (decision 0040).
 */
export const AIRFLOW_DB_NAMESPACE = 'airflow-db';
export const ICEBERG_CATALOG_SERVICE = 'polaris';
export const ICEBERG_CATALOG_PORT = 8181;
export const ICEBERG_REST_URI = `http://${ICEBERG_CATALOG_SERVICE}.${ICEBERG_CATALOG_NAMESPACE}.svc:${ICEBERG_CATALOG_PORT}/api/catalog`;
/** OAuth2 token endpoint of the catalog (client-credentials flow). */
export const ICEBERG_OAUTH2_URI = `${ICEBERG_REST_URI}/v1/oauth/tokens`;
export const ICEBERG_CATALOG_NAME = 'gridata';
export const ICEBERG_WAREHOUSE = `s3://${BUCKETS.curated}/warehouse`;
/** Scope a principal requests to act with all its principal roles. */
export const ICEBERG_OAUTH2_SCOPE = 'PRINCIPAL_ROLE:ALL';

/** Vault path of a catalog principal's OAuth client credentials (keys `clientId`, `clientSecret`). */
export function icebergPrincipalPath(env: Pick<Environment, 'name'>, principal: 'spark' | 'datahub' | 'airflow'): string {
  return vaultPath(env, 'iceberg-catalog', `principals/${principal}`);
}

// ── Spark (operator in spark-operator, jobs in spark-jobs) ─────────────────────────────────────
export const SPARK_JOBS_NAMESPACE = 'spark-jobs';
/** The driver ServiceAccount the operator's chart creates in spark-jobs (may create executor pods). */
export const SPARK_DRIVER_SERVICE_ACCOUNT = 'spark-driver';
/** Executors run under their own ServiceAccount with no Kubernetes API rights at all. */
export const SPARK_EXECUTOR_SERVICE_ACCOUNT = 'spark-executor';
