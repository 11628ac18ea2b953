// Airflow pools, declared here and imported into the metadata DB by the migration Job on every
// sync (`airflow pools import` creates or updates them). The `spark_jobs` pool bounds how many
// SparkApplications the DAGs run at once to what the spark-jobs ResourceQuota admits
// (`pipelines.spark.concurrentApplications`, docs/decisions/0018).
import type { Construct } from 'constructs';
import { KubeConfigMap } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { LABEL } from '../shared/labels';
import { AIRFLOW_NAMESPACE } from './constants';

/** The pool every Spark submission task runs in (dags/gridata_dags/config.py reads GRIDATA_SPARK_POOL). */
export const SPARK_POOL = 'spark_jobs';
export const SPARK_POOL_ENV = 'GRIDATA_SPARK_POOL';
export const POOLS_CONFIGMAP = 'airflow-pools';
export const POOLS_FILE = 'pools.json';
export const POOLS_VOLUME = 'airflow-pools';
export const POOLS_DIR = '/opt/airflow/pools';

export interface PoolDefinition {
  readonly slots: number;
  readonly description: string;
  readonly include_deferred: boolean;
}

/** `airflow pools import` format: pool name → slots, description, include_deferred. */
export function airflowPools(env: Environment): Record<string, PoolDefinition> {
  return {
    [SPARK_POOL]: {
      slots: env.pipelines.spark.concurrentApplications,
      description: 'SparkApplications running at once; the spark-jobs ResourceQuota is sized for this many',
      include_deferred: false,
    },
  };
}

export function renderPools(scope: Construct, env: Environment): void {
  new KubeConfigMap(scope, 'airflow-pools', {
    metadata: { name: POOLS_CONFIGMAP, namespace: AIRFLOW_NAMESPACE, labels: { [LABEL.name]: 'airflow', [LABEL.component]: 'pools' } },
    data: { [POOLS_FILE]: JSON.stringify(airflowPools(env), null, 2) + '\n' },
  });
}

/** The chart's migration Job migrates, then imports the pools (it already holds the DB connection). */
export const MIGRATE_AND_IMPORT_POOLS = ['bash', '-c', `airflow db migrate && exec airflow pools import ${POOLS_DIR}/${POOLS_FILE}`];
