// The pipelines in one place: every Spark job the DAGs submit, its run_job.py arguments and the
// data it reads and writes. The chart renders one SparkApplication per entry; the tests and the
// DAGs' ConfigMap key off `specId`.
import { BUCKETS } from '../shared/endpoints';

/** Job ids accepted by spark-jobs' run_job.py. */
export type SparkJobId =
  | 'ingest_customers'
  | 'ingest_products'
  | 'ingest_clickstream'
  | 'aggregate_clickstream_daily'
  | 'process_orders'
  | 'quality_checks'
  | 'customer_360';

/** Where raw files land and where rejected records are quarantined (seed-functional-spec §3). */
export const RAW_BASE = `s3a://${BUCKETS.raw}/raw/ecommerce`;
export const REJECTED_BASE = `s3a://${BUCKETS.raw}/rejected`;

/** The only Jinja placeholders a spec may hold; Airflow fills them per run. */
export const DS_PLACEHOLDER = '{{ ds }}';
export const RUN_ID_PLACEHOLDER = '{{ run_id }}';

export interface PipelineJob {
  /** ConfigMap key stem (`<specId>.yaml`) and the DAG task's job reference. */
  readonly specId: string;
  /** run_job.py's first argument. */
  readonly jobId: SparkJobId;
  readonly description: string;
  /** Arguments after the job id, besides --ds and --run-id. */
  readonly options: readonly string[];
  /** Raw datasets (`raw:<dataset>`) and Iceberg tables (`gridata.<ns>.<table>`) the job reads. */
  readonly reads: readonly string[];
  readonly writes: readonly string[];
}

const ingest = (dataset: 'customers' | 'products' | 'clickstream', table: string): PipelineJob => ({
  specId: `ingest_${dataset}`,
  jobId: `ingest_${dataset}`,
  description: `Loads the day's raw ${dataset} files into ${table}`,
  options: ['--raw-base', RAW_BASE],
  reads: [`raw:${dataset}`],
  writes: [table],
});

export const PIPELINE_JOBS: readonly PipelineJob[] = [
  ingest('customers', 'gridata.ecommerce.customers'),
  ingest('products', 'gridata.ecommerce.products'),
  ingest('clickstream', 'gridata.ecommerce.clickstream_events'),
  {
    specId: 'aggregate_clickstream_daily',
    jobId: 'aggregate_clickstream_daily',
    description: 'Aggregates the day of clickstream events per customer',
    options: [],
    reads: ['gridata.ecommerce.clickstream_events'],
    writes: ['gridata.analytics.clickstream_daily'],
  },
  {
    specId: 'process_orders',
    jobId: 'process_orders',
    description: 'Validates, quarantines, deduplicates and merges the day of orders',
    options: ['--raw-base', RAW_BASE, '--rejected-base', REJECTED_BASE],
    reads: ['raw:orders'],
    writes: ['gridata.ecommerce.orders', 'rejected:orders'],
  },
  {
    specId: 'quality_checks',
    jobId: 'quality_checks',
    description: 'Runs the ingestion quality suite (orders, customers, products, clickstream) and records the results',
    // The suite's reject-rate check reads the day's quarantined orders.
    options: ['--suite', 'ingestion', '--rejected-base', REJECTED_BASE],
    reads: [
      'gridata.ecommerce.orders',
      'gridata.ecommerce.customers',
      'gridata.ecommerce.products',
      'gridata.analytics.clickstream_daily',
      'rejected:orders',
    ],
    writes: ['gridata.quality.check_results'],
  },
  {
    specId: 'customer_360',
    jobId: 'customer_360',
    description: 'Builds the customer 360 table as of the run day',
    options: [],
    reads: ['gridata.ecommerce.customers', 'gridata.ecommerce.orders', 'gridata.analytics.clickstream_daily'],
    writes: ['gridata.analytics.customer_360'],
  },
  {
    specId: 'quality_checks_customer_360',
    jobId: 'quality_checks',
    description: 'Runs the customer 360 quality suite and records the results',
    options: ['--suite', 'customer_360'],
    reads: ['gridata.analytics.customer_360'],
    writes: ['gridata.quality.check_results'],
  },
];

/** spec.arguments: job id, its options, then the run's day and id as placeholders. */
export function jobArguments(job: PipelineJob): string[] {
  return [job.jobId, ...job.options, '--ds', DS_PLACEHOLDER, '--run-id', RUN_ID_PLACEHOLDER];
}

/** metadata.name: the spec id in DNS form (the Airflow operator appends a random suffix). */
export function applicationName(job: PipelineJob): string {
  return job.specId.replace(/_/g, '-');
}
