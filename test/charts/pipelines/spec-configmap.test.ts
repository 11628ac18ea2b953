// The ConfigMap Airflow submits from: one key per job of the definition, each value the very
// object reviewed in its SparkApplication file, with {{ ds }} and {{ run_id }} as the only templates.
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { PIPELINE_JOBS, applicationName } from '../../../charts/pipelines/jobs';
import { renderPipelines } from './render-pipelines';

const PLACEHOLDER = /\{\{.*?\}\}|\{%|\{#/g;

function strings(node: unknown, path: string[] = []): [string, string][] {
  if (typeof node === 'string') return [[path.join('.'), node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => strings(v, [...path, String(i)]));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

describe.each(ENVIRONMENTS)('%s spark-application-specs ConfigMap', (name) => {
  const r = renderPipelines(name);
  const configMaps = r.pipelines.filter((d) => d.object.kind === 'ConfigMap');
  const configMap = configMaps[0]!;
  const data: Record<string, string> = configMap.object.data;
  const reviewed = r.pipelines.filter((d) => d.object.kind === 'SparkApplication');

  it('is the one ConfigMap airflow/spark-application-specs, applied by Argo CD', () => {
    expect(configMaps).toHaveLength(1);
    expect(configMap.file).toBe(`dist/${name}/pipelines/configmap.airflow.spark-application-specs.yaml`);
    expect(configMap.object.metadata).toMatchObject({ name: 'spark-application-specs', namespace: 'airflow' });
    expect(configMap.reviewOnly).toBe(false);
  });

  it('has a <specId>.yaml key for every job of the definition and nothing else', () => {
    expect(Object.keys(data)).toEqual(PIPELINE_JOBS.map((j) => `${j.specId}.yaml`).sort());
    expect(Object.keys(data)).toEqual([
      'aggregate_clickstream_daily.yaml',
      'customer_360.yaml',
      'ingest_clickstream.yaml',
      'ingest_customers.yaml',
      'ingest_products.yaml',
      'process_orders.yaml',
      'quality_checks.yaml',
      'quality_checks_customer_360.yaml',
    ]);
  });

  it('holds exactly the objects of the review-only SparkApplication files', () => {
    expect(reviewed).toHaveLength(PIPELINE_JOBS.length);
    for (const job of PIPELINE_JOBS) {
      const file = reviewed.find((d) => d.object.metadata.name === applicationName(job));
      expect(file, job.specId).toBeDefined();
      expect(file!.reviewOnly).toBe(true);
      expect(load(data[`${job.specId}.yaml`]!)).toEqual(file!.object);
    }
  });

  it('templates only {{ ds }} and {{ run_id }}, in spec.arguments after --ds and --run-id', () => {
    for (const [key, text] of Object.entries(data)) {
      expect(text.match(PLACEHOLDER)?.sort(), key).toEqual(['{{ ds }}', '{{ run_id }}']);
      const spec: any = load(text);
      const templated = strings(spec).filter(([, v]) => PLACEHOLDER.test(v));
      PLACEHOLDER.lastIndex = 0;
      expect(templated.map(([p]) => p.split('.').slice(0, 2).join('.'))).toEqual(['spec.arguments', 'spec.arguments']);
      const args: string[] = spec.spec.arguments;
      expect(args[args.indexOf('--ds') + 1], key).toBe('{{ ds }}');
      expect(args[args.indexOf('--run-id') + 1], key).toBe('{{ run_id }}');
    }
  });

  it('still parses to string arguments once Airflow fills in the day and run id', () => {
    for (const [key, text] of Object.entries(data)) {
      const filled = text.replaceAll('{{ ds }}', '2024-01-15').replaceAll('{{ run_id }}', 'scheduled__2024-01-15T00:00:00+00:00');
      const args: unknown[] = (load(filled) as any).spec.arguments;
      expect(args.every((a) => typeof a === 'string'), key).toBe(true);
      expect(args.slice(-4), key).toEqual(['--ds', '2024-01-15', '--run-id', 'scheduled__2024-01-15T00:00:00+00:00']);
    }
  });
});

describe('job arguments', () => {
  const data: Record<string, string> = renderPipelines('prod').pipelines.find((d) => d.object.kind === 'ConfigMap')!.object.data;
  const args = (key: string) => (load(data[`${key}.yaml`]!) as any).spec.arguments as string[];

  it('give each spec its run_job.py job id and options', () => {
    expect(args('ingest_customers')).toEqual(['ingest_customers', '--raw-base', 's3a://gridata-raw/raw/ecommerce', '--ds', '{{ ds }}', '--run-id', '{{ run_id }}']);
    expect(args('aggregate_clickstream_daily')).toEqual(['aggregate_clickstream_daily', '--ds', '{{ ds }}', '--run-id', '{{ run_id }}']);
    expect(args('quality_checks')).toEqual(['quality_checks', '--suite', 'ingestion', '--rejected-base', 's3a://gridata-raw/rejected', '--ds', '{{ ds }}', '--run-id', '{{ run_id }}']);
    expect(args('quality_checks_customer_360')).toEqual(['quality_checks', '--suite', 'customer_360', '--ds', '{{ ds }}', '--run-id', '{{ run_id }}']);
    expect(args('customer_360')).toEqual(['customer_360', '--ds', '{{ ds }}', '--run-id', '{{ run_id }}']);
  });

  it('name each application after its spec id in DNS form', () => {
    const names = PIPELINE_JOBS.map(applicationName);
    expect(names).toContain('quality-checks-customer-360');
    for (const n of names) expect(n).toMatch(/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/);
    expect(new Set(names).size).toBe(names.length);
  });
});
