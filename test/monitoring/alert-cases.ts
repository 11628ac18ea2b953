// One firing and one quiet scenario per Gridata alert, in promtool's series notation
// ('a+bxN' = N+1 samples starting at a, step b; '_' = no sample). Expected annotations are the
// fully expanded templates, so a template mistake fails the test.
import type { InputSeries } from '../../tools/promtool/rule-files';

export interface ExpectedFiring {
  readonly labels: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly description: string;
}

export interface Scenario {
  readonly interval?: string;
  readonly series: readonly InputSeries[];
  readonly evalTime: string;
}

export interface AlertCase {
  readonly alert: string;
  readonly firing: Scenario & { readonly expected: readonly ExpectedFiring[] };
  readonly quiet: Scenario;
}

const ORDERS = 'ecommerce_orders_pipeline';
const C360 = 'ecommerce_customer_360';
const ORDERS_TABLE = 'gridata.ecommerce.orders';

const dagFailed = (dag: string) => ({
  labels: { severity: 'warning', dag_id: dag },
  summary: `DAG ${dag} has failed runs`,
  description: `At least one run of DAG ${dag} failed in the last hour. Check the run in the Airflow UI and the task logs in the object store.`,
});

const quality = (severity: string, table: string, check: string) => `gridata_quality_check_failed{table="${table}", check="${check}", severity="${severity}", job="gridata_quality"}`;
const appInfo = (name: string, health: string, sync: string) =>
  `argocd_app_info{name="${name}", project="gridata-prod-data", namespace="argocd", health_status="${health}", sync_status="${sync}"}`;

export const ALERT_CASES: readonly AlertCase[] = [
  {
    alert: 'AirflowDagRunFailed',
    firing: {
      // orders: an older failure counter that increased 10 minutes ago; customer 360: first failure ever.
      series: [
        { series: `airflow_dagrun_failed_count{dag_id="${ORDERS}"}`, values: '1x60 2x30' },
        { series: `airflow_dagrun_failed_count{dag_id="${C360}"}`, values: '_x31 1x40' },
      ],
      evalTime: '70m',
      expected: [dagFailed(C360), dagFailed(ORDERS)],
    },
    quiet: { series: [{ series: `airflow_dagrun_failed_count{dag_id="${ORDERS}"}`, values: '3x90' }], evalTime: '90m' },
  },
  {
    alert: 'AirflowSchedulerHeartbeatMissing',
    firing: {
      series: [{ series: 'airflow_scheduler_heartbeat', values: '0+5x10 50x20' }],
      evalTime: '30m',
      expected: [
        {
          labels: { severity: 'critical' },
          summary: 'No Airflow scheduler is heartbeating',
          description: 'No scheduler heartbeat has reached statsd for 5 minutes: no task is being scheduled. Check the scheduler pods and their connection to the metadata database.',
        },
      ],
    },
    quiet: { series: [{ series: 'airflow_scheduler_heartbeat', values: '0+5x30' }], evalTime: '30m' },
  },
  {
    alert: 'SparkApplicationFailed',
    firing: { series: [{ series: 'spark_application_failure_count', values: '0x60 1x30' }], evalTime: '90m', expected: [sparkFailed('1')] },
    quiet: { series: [{ series: 'spark_application_failure_count', values: '0x90' }], evalTime: '90m' },
  },
  {
    alert: 'SparkApplicationsRepeatedlyFailing',
    firing: {
      series: [{ series: 'spark_application_failure_count', values: '0x60 1x30 2x30 3x30' }],
      evalTime: '150m',
      expected: [
        {
          labels: { severity: 'critical' },
          summary: 'SparkApplications keep failing',
          description: '3 SparkApplication failures in the last 6 hours: the pipelines are not producing data.',
        },
      ],
    },
    quiet: { series: [{ series: 'spark_application_failure_count', values: '0x60 1x30 2x60' }], evalTime: '150m' },
  },
  {
    alert: 'ObjectStoreCapacityLow',
    firing: {
      series: capacity(8),
      evalTime: '20m',
      expected: [
        {
          labels: { severity: 'warning' },
          summary: 'Object store has less than 10% usable capacity free',
          description: 'Only 8% of the object store usable capacity is free. Expire or archive data, or add drives.',
        },
      ],
    },
    quiet: { series: capacity(50), evalTime: '20m' },
  },
  {
    alert: 'ObjectStoreCapacityCritical',
    firing: {
      series: capacity(4),
      evalTime: '10m',
      expected: [
        {
          labels: { severity: 'critical' },
          summary: 'Object store has less than 5% usable capacity free',
          description: 'Only 4% of the object store usable capacity is free; writes will soon fail.',
        },
      ],
    },
    // Below the warning threshold but above the critical one.
    quiet: { series: capacity(8), evalTime: '10m' },
  },
  {
    alert: 'ObjectStoreNodesOffline',
    firing: {
      series: [{ series: 'minio_cluster_nodes_offline_total{job="minio", instance="minio-0"}', values: '0 1x10' }],
      evalTime: '10m',
      expected: [
        {
          labels: { severity: 'critical' },
          summary: 'Object store nodes are offline',
          description: '1 object store node(s) are offline; erasure-coding redundancy is reduced.',
        },
      ],
    },
    quiet: { series: [{ series: 'minio_cluster_nodes_offline_total{job="minio", instance="minio-0"}', values: '0x10' }], evalTime: '10m' },
  },
  {
    alert: 'ObjectStoreDrivesOffline',
    firing: {
      series: [{ series: 'minio_cluster_drive_offline_total{job="minio", instance="minio-0"}', values: '2x10' }],
      evalTime: '10m',
      expected: [
        {
          labels: { severity: 'critical' },
          summary: 'Object store drives are offline',
          description: '2 object store drive(s) are offline; erasure-coding redundancy is reduced.',
        },
      ],
    },
    quiet: { series: [{ series: 'minio_cluster_drive_offline_total{job="minio", instance="minio-0"}', values: '0x10' }], evalTime: '10m' },
  },
  {
    alert: 'VaultSealed',
    firing: {
      series: [
        { series: 'vault_core_unsealed{job="vault", instance="vault-0"}', values: '1 0x5' },
        { series: 'vault_core_unsealed{job="vault", instance="vault-1"}', values: '1x6' },
      ],
      evalTime: '5m',
      expected: [
        {
          labels: { severity: 'critical', job: 'vault', instance: 'vault-0' },
          summary: 'Vault server vault-0 is sealed',
          description: 'Vault server vault-0 has been sealed for a minute: pods that need secrets cannot start. Follow the unseal runbook.',
        },
      ],
    },
    quiet: { series: [{ series: 'vault_core_unsealed{job="vault", instance="vault-0"}', values: '1x5' }], evalTime: '5m' },
  },
  {
    alert: 'DataQualityCheckFailed',
    firing: {
      series: [
        { series: quality('error', ORDERS_TABLE, 'order_id_unique'), values: '1x5' },
        { series: quality('error', ORDERS_TABLE, 'row_count'), values: '0x5' },
        { series: quality('warning', ORDERS_TABLE, 'null_rate_customer_id'), values: '1x5' },
      ],
      evalTime: '5m',
      expected: [
        {
          labels: { severity: 'critical', table: ORDERS_TABLE, check: 'order_id_unique' },
          summary: `Data-quality check order_id_unique failed on ${ORDERS_TABLE}`,
          description: `The error-severity check order_id_unique failed on its last run over ${ORDERS_TABLE}; the pipeline refused to publish. See gridata.quality.check_results for the run.`,
        },
      ],
    },
    quiet: {
      series: [
        { series: quality('error', ORDERS_TABLE, 'order_id_unique'), values: '0x5' },
        { series: quality('warning', ORDERS_TABLE, 'null_rate_customer_id'), values: '1x5' },
      ],
      evalTime: '5m',
    },
  },
  {
    alert: 'DataQualityCheckWarning',
    firing: {
      series: [
        { series: quality('warning', ORDERS_TABLE, 'null_rate_customer_id'), values: '1x5' },
        { series: quality('error', ORDERS_TABLE, 'order_id_unique'), values: '1x5' },
      ],
      evalTime: '5m',
      expected: [
        {
          labels: { severity: 'warning', table: ORDERS_TABLE, check: 'null_rate_customer_id' },
          summary: `Data-quality check null_rate_customer_id warns on ${ORDERS_TABLE}`,
          description: `The warning-severity check null_rate_customer_id failed on its last run over ${ORDERS_TABLE}. See gridata.quality.check_results for the run.`,
        },
      ],
    },
    quiet: { series: [{ series: quality('warning', ORDERS_TABLE, 'null_rate_customer_id'), values: '0x5' }], evalTime: '5m' },
  },
  {
    alert: 'DataQualityChecksStale',
    firing: {
      // The last run was at t=0; 27 hours later the checks are stale.
      interval: '1h',
      series: [{ series: `gridata_quality_check_last_run_timestamp_seconds{table="${ORDERS_TABLE}"}`, values: '0x27' }],
      evalTime: '27h',
      expected: [
        {
          labels: { severity: 'warning', table: ORDERS_TABLE },
          summary: `Data-quality checks on ${ORDERS_TABLE} have not run for over 26 hours`,
          description: `The last quality-check run over ${ORDERS_TABLE} was 1d 3h 0m 0s ago; the daily pipeline is probably stuck.`,
        },
      ],
    },
    // A run every day: at 27h the last run was 3 hours ago.
    quiet: { interval: '1h', series: [{ series: `gridata_quality_check_last_run_timestamp_seconds{table="${ORDERS_TABLE}"}`, values: '0x23 86400x4' }], evalTime: '27h' },
  },
  {
    alert: 'ArgoCdApplicationDegraded',
    firing: {
      series: [{ series: appInfo('prod-airflow', 'Degraded', 'Synced'), values: '1x15' }],
      evalTime: '15m',
      expected: [
        {
          labels: { severity: 'critical', name: 'prod-airflow', project: 'gridata-prod-data' },
          summary: 'Argo CD application prod-airflow is degraded',
          description: 'Application prod-airflow (project gridata-prod-data) has reported health Degraded for 10 minutes.',
        },
      ],
    },
    quiet: { series: [{ series: appInfo('prod-airflow', 'Healthy', 'OutOfSync'), values: '1x15' }], evalTime: '15m' },
  },
  {
    alert: 'ArgoCdApplicationOutOfSync',
    firing: {
      series: [{ series: appInfo('prod-monitoring', 'Healthy', 'OutOfSync'), values: '1x40' }],
      evalTime: '40m',
      expected: [
        {
          labels: { severity: 'warning', name: 'prod-monitoring', project: 'gridata-prod-data' },
          summary: 'Argo CD application prod-monitoring is out of sync',
          description: 'Application prod-monitoring (project gridata-prod-data) has differed from Git for 30 minutes; automated sync is failing or a field is rewritten by a controller.',
        },
      ],
    },
    // Out of sync for only 20 minutes (a sync in progress) does not page.
    quiet: { series: [{ series: appInfo('prod-monitoring', 'Healthy', 'OutOfSync'), values: '_x20 1x20' }], evalTime: '40m' },
  },
];

function sparkFailed(count: string): ExpectedFiring {
  return {
    labels: { severity: 'warning' },
    summary: 'A SparkApplication failed',
    description: `${count} SparkApplication failure(s) in the last hour. List them with \`kubectl -n spark-jobs get sparkapplications\` and read the driver log.`,
  };
}

/** Two MinIO pools whose free capacity adds up to `freePercent` of 200 bytes total. */
function capacity(freePercent: number): InputSeries[] {
  return [
    { series: 'minio_cluster_capacity_usable_free_bytes{server="pool-0"}', values: `${freePercent}x30` },
    { series: 'minio_cluster_capacity_usable_free_bytes{server="pool-1"}', values: `${freePercent}x30` },
    { series: 'minio_cluster_capacity_usable_total_bytes{server="pool-0"}', values: '100x30' },
    { series: 'minio_cluster_capacity_usable_total_bytes{server="pool-1"}', values: '100x30' },
  ];
}
