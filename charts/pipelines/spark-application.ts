// One job's SparkApplication, complete: the DAGs submit it as rendered, filling only the
// {{ ds }} and {{ run_id }} placeholders in spec.arguments.
import type { Environment } from '../../environments/types';
import { SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { imageRef, pinnedImage } from '../shared/images';
import { standardLabels } from '../shared/labels';
import { hadoopConf, sparkConf } from './catalog-conf';
import { applicationName, jobArguments, type PipelineJob } from './jobs';
import { SPARK_VERSION } from './spark-version';
import { PUSHGATEWAY_URL } from '../pushgateway/constants';
import { sparkPodSpec, sparkVolumes } from './spark-pods';

export const SPARK_APPLICATION_API_VERSION = 'sparkoperator.k8s.io/v1beta2';
export const SPARK_APPLICATION_KIND = 'SparkApplication';
/** Where run_job.py lives in the job image (spark-jobs/Dockerfile). */
export const MAIN_APPLICATION_FILE = 'local:///opt/gridata/run_job.py';

/**
 * One retry layer (docs/decisions/0017): Airflow's task retries, with exponential backoff and a
 * per-attempt timeout, re-submit a failed job; the operator never restarts it on its own, so a job
 * runs at most `retries + 1` times instead of (retries + 1) × (onFailureRetries + 1).
 */
export const RESTART_POLICY = { type: 'Never' } as const;

/**
 * The operator deletes a finished SparkApplication (and its driver pod) after this long. Airflow
 * deletes the ones it watched to the end; this clears those whose Airflow task died first, after a
 * day in which their status and driver log can still be read.
 */
export const TIME_TO_LIVE_SECONDS = 86_400;

/** The quality job pushes its metrics to the Pushgateway (deployed with monitoring) when this is set. */
export const PUSHGATEWAY_ENV = 'GRIDATA_PUSHGATEWAY_URL';

function driverSpec(env: Environment, job: PipelineJob, name: string, version: string): Record<string, unknown> {
  const driver = sparkPodSpec(env, name, 'driver', version);
  if (job.jobId !== 'quality_checks' || !env.features.monitoring) return driver;
  return { ...driver, env: [...(driver.env as { name: string; value: string }[]), { name: PUSHGATEWAY_ENV, value: PUSHGATEWAY_URL }] };
}

export interface SparkApplicationManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations: Record<string, string> };
  spec: Record<string, unknown>;
}

export function sparkApplicationManifest(env: Environment, job: PipelineJob, version: string): SparkApplicationManifest {
  const name = applicationName(job);
  const { executor, dynamicAllocation } = env.pipelines.spark;
  if (executor.instances < dynamicAllocation.minExecutors || executor.instances > dynamicAllocation.maxExecutors) {
    throw new Error(
      `environments/${env.name}.yaml: /pipelines/spark/executor/instances: expected between minExecutors ` +
        `(${dynamicAllocation.minExecutors}) and maxExecutors (${dynamicAllocation.maxExecutors}), found ${executor.instances}`,
    );
  }
  return {
    apiVersion: SPARK_APPLICATION_API_VERSION,
    kind: SPARK_APPLICATION_KIND,
    metadata: {
      name,
      namespace: SPARK_JOBS_NAMESPACE,
      labels: standardLabels(env.name, { name, component: 'spark-application' }, version),
      annotations: {
        'gridata.io/description': job.description,
        'gridata.io/reads': job.reads.join(','),
        'gridata.io/writes': job.writes.join(','),
      },
    },
    spec: {
      type: 'Python',
      mode: 'cluster',
      sparkVersion: SPARK_VERSION,
      image: imageRef(pinnedImage(env, 'pipelines', 'sparkJobs')),
      imagePullPolicy: 'IfNotPresent',
      mainApplicationFile: MAIN_APPLICATION_FILE,
      arguments: jobArguments(job),
      sparkConf: sparkConf(env),
      hadoopConf: hadoopConf(env),
      restartPolicy: { ...RESTART_POLICY },
      timeToLiveSeconds: TIME_TO_LIVE_SECONDS,
      dynamicAllocation: {
        enabled: true,
        initialExecutors: executor.instances,
        minExecutors: dynamicAllocation.minExecutors,
        maxExecutors: dynamicAllocation.maxExecutors,
        // Executors keep their shuffle files; no external shuffle service on Kubernetes.
        shuffleTrackingEnabled: true,
      },
      volumes: sparkVolumes(),
      driver: driverSpec(env, job, name, version),
      executor: sparkPodSpec(env, name, 'executor', version),
    },
  };
}
