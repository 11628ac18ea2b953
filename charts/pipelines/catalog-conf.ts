// Spark and Hadoop configuration shared by every job: the `gridata` Iceberg REST catalog with
// S3FileIO against the object store, s3a for raw files, and fixed ports for the NetworkPolicies.
// Credentials never appear here: they are files rendered by the Vault agent (vault-agent.ts).
import type { Environment } from '../../environments/types';
import {
  ICEBERG_CATALOG_NAME,
  ICEBERG_OAUTH2_SCOPE,
  ICEBERG_OAUTH2_URI,
  ICEBERG_REST_URI,
  S3_ENDPOINT,
  S3_PATH_STYLE_ACCESS,
  s3Region,
} from '../shared/endpoints';

/** The catalog name the job code uses (spark-jobs/src/gridata_spark/tables.py). */
export const SPARK_CATALOG = 'gridata';

/** Fixed so NetworkPolicies can name them (Spark picks random ports otherwise). */
export const SPARK_PORTS = { driver: 7078, blockManager: 7079 } as const;

export function sparkConf(env: Environment): Record<string, string> {
  const catalog = `spark.sql.catalog.${SPARK_CATALOG}`;
  return {
    'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
    [catalog]: 'org.apache.iceberg.spark.SparkCatalog',
    [`${catalog}.type`]: 'rest',
    [`${catalog}.uri`]: ICEBERG_REST_URI,
    [`${catalog}.warehouse`]: ICEBERG_CATALOG_NAME,
    [`${catalog}.oauth2-server-uri`]: ICEBERG_OAUTH2_URI,
    [`${catalog}.scope`]: ICEBERG_OAUTH2_SCOPE,
    [`${catalog}.token-refresh-enabled`]: 'true',
    [`${catalog}.io-impl`]: 'org.apache.iceberg.aws.s3.S3FileIO',
    [`${catalog}.s3.endpoint`]: S3_ENDPOINT,
    [`${catalog}.s3.path-style-access`]: String(S3_PATH_STYLE_ACCESS),
    [`${catalog}.client.region`]: s3Region(env),
    'spark.sql.defaultCatalog': SPARK_CATALOG,
    // Same as the local session, so results do not depend on where a job runs.
    'spark.sql.session.timeZone': 'UTC',
    'spark.sql.adaptive.enabled': 'true',
    'spark.driver.port': String(SPARK_PORTS.driver),
    'spark.driver.blockManager.port': String(SPARK_PORTS.blockManager),
    'spark.blockManager.port': String(SPARK_PORTS.blockManager),
  };
}

/** Keys without the `spark.hadoop.` prefix (the operator adds it). */
export function hadoopConf(env: Environment): Record<string, string> {
  return {
    'fs.s3a.impl': 'org.apache.hadoop.fs.s3a.S3AFileSystem',
    'fs.s3a.endpoint': S3_ENDPOINT,
    'fs.s3a.endpoint.region': s3Region(env),
    'fs.s3a.path.style.access': String(S3_PATH_STYLE_ACCESS),
    'fs.s3a.connection.ssl.enabled': String(S3_ENDPOINT.startsWith('https://')),
    // Reads the profile file the Vault agent renders (AWS_CREDENTIAL_PROFILES_FILE).
    'fs.s3a.aws.credentials.provider': 'com.amazonaws.auth.profile.ProfileCredentialsProvider',
  };
}
