// The one pipeline definition: what each job reads and writes chains into the next, and the
// pod sizes it produces are the ones the spark-jobs quota was computed for.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { loadEnvironment } from '../../../environments/load';
import { PIPELINE_JOBS } from '../../../charts/pipelines/jobs';
import { memoryOverhead, sparkMemoryMi } from '../../../charts/pipelines/spark-pods';
import { sparkApplicationManifest } from '../../../charts/pipelines/spark-application';
import { sparkPodWorkloads } from '../../../charts/namespaces/platform-namespaces';

describe('pipeline definition', () => {
  it('lists the seven run_job.py jobs once each, plus the customer 360 quality suite', () => {
    expect(PIPELINE_JOBS.map((j) => j.specId)).toEqual([
      'ingest_customers',
      'ingest_products',
      'ingest_clickstream',
      'aggregate_clickstream_daily',
      'process_orders',
      'quality_checks',
      'customer_360',
      'quality_checks_customer_360',
    ]);
    expect(new Set(PIPELINE_JOBS.map((j) => j.jobId)).size).toBe(7);
  });

  it('only reads tables that some job writes, or raw landing data', () => {
    const written = new Set(PIPELINE_JOBS.flatMap((j) => j.writes));
    for (const job of PIPELINE_JOBS) {
      for (const input of job.reads) {
        expect(input.startsWith('raw:') || written.has(input), `${job.specId} reads ${input}`).toBe(true);
        if (input.startsWith('rejected:')) expect(job.options, job.specId).toContain('--rejected-base');
      }
    }
    expect(PIPELINE_JOBS.find((j) => j.specId === 'customer_360')!.reads).toEqual([
      'gridata.ecommerce.customers',
      'gridata.ecommerce.orders',
      'gridata.analytics.clickstream_daily',
    ]);
  });
});

describe('Spark pod memory', () => {
  it.each(ENVIRONMENTS)('%s: heap + overhead equals the pod size the spark-jobs quota assumes', (name) => {
    const env = loadEnvironment(name);
    const pods = sparkPodWorkloads(env);
    for (const role of ['driver', 'executor'] as const) {
      const total = sparkMemoryMi(env.pipelines.spark[role].memory) + sparkMemoryMi(memoryOverhead(env, role));
      expect(`${total}Mi`).toBe(pods[role].resources.limits.memory);
    }
  });

  it('refuses a memory string Spark would not read', () => {
    expect(() => sparkMemoryMi('8Gi')).toThrow('Spark memory "8Gi": expected <n>m or <n>g');
  });

  it('refuses executor instances outside the dynamic-allocation bounds, naming the file and pointer', () => {
    const env = loadEnvironment('prod');
    const broken = { ...env, pipelines: { spark: { ...env.pipelines.spark, executor: { ...env.pipelines.spark.executor, instances: 11 } } } };
    expect(() => sparkApplicationManifest(broken, PIPELINE_JOBS[0]!, '0.1.0')).toThrow(
      'environments/prod.yaml: /pipelines/spark/executor/instances: expected between minExecutors (2) and maxExecutors (10), found 11',
    );
  });
});
