// Names the Airflow component shares between its values, Vault declarations, RBAC and policies.

export const AIRFLOW_NAMESPACE = 'airflow';
export const AIRFLOW_RELEASE = 'airflow';
export const AIRFLOW_CHART_REPO = 'https://airflow.apache.org';

/** ServiceAccounts, named explicitly so Vault roles and RBAC bind exactly these. */
export const SERVICE_ACCOUNTS = {
  scheduler: 'airflow-scheduler',
  apiServer: 'airflow-api-server',
  dagProcessor: 'airflow-dag-processor',
  triggerer: 'airflow-triggerer',
  worker: 'airflow-worker',
} as const;
export type AirflowIdentity = keyof typeof SERVICE_ACCOUNTS;

/** Kubernetes Secrets the chart references by name, synced from Vault by VSO (never chart-generated). */
export const SYNCED_SECRETS = {
  fernet: { secretName: 'airflow-fernet', vaultName: 'fernet', key: 'fernet-key' },
  apiSecretKey: { secretName: 'airflow-api-secret', vaultName: 'api-secret', key: 'api-secret-key' },
  jwt: { secretName: 'airflow-jwt', vaultName: 'jwt', key: 'jwt-secret' },
  metadataDb: { secretName: 'airflow-metadata-db', key: 'connection' },
} as const;

/** Pod labels the Airflow chart sets (`tier: airflow`, `component: <x>`, `release: <rel>`). */
export const AIRFLOW_TIER = { tier: 'airflow', release: AIRFLOW_RELEASE };
export const componentPods = (component: string) => ({ ...AIRFLOW_TIER, component });

export const PORTS = { apiServer: 8080, workerLogs: 8793, triggererLogs: 8794, statsdIngest: 9125, statsdScrape: 9102, postgres: 5432 };

/** Where the `spark-application-specs` ConfigMap is mounted; the DAGs read GRIDATA_SPARK_SPECS_DIR. */
export const SPARK_SPECS_DIR = '/opt/airflow/spark-specs';
/** The projected, audience-bound token Airflow's VaultBackend logs in with. */
export const VAULT_TOKEN_MOUNT = '/var/run/secrets/vault';

/** The CNPG cluster holding the metadata DB (rendered by the data plane) and our PgBouncer Pooler, in their own namespace. */
export { AIRFLOW_DB_NAMESPACE as METADATA_DB_NAMESPACE } from '../shared/endpoints';
export const METADATA_DB_CLUSTER = 'airflow-db';
export const METADATA_DB_POOLER = 'airflow-db-pooler';

/** Airflow connection ids the DAGs use (see dags/gridata_dags/config.py). */
export const CONNECTIONS = { s3: 'gridata_s3', kubernetes: 'kubernetes_default', datahub: 'datahub_rest_default' };

/** Surge pods of each Airflow Deployment's rolling update (values.ts sets it; the airflow quota counts it). */
export const AIRFLOW_MAX_SURGE = 1;
