// Ties the concurrency the platform allows to the quotas that must admit it, from the rendered
// objects and the environment files (never re-typed numbers):
//   spark-jobs: Airflow spark_jobs pool slots × the largest SparkApplication at its maximum size;
//   airflow:    parallelism × schedulers worker pods + every Deployment's replicas and surge + jobs;
//   node-exporter: the node-exporter DaemonSet × cluster.nodes; monitoring: the other monitoring pods.
// Each requirement must fit the rendered ResourceQuota (requests, limits and pod count). The
// negative cases change one side only and show the check fails (docs/decisions/0018).
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { quantityValue } from '../../../environments/load';
import type { Environment } from '../../../environments/types';
import { environment, policyView } from '../../fixtures/rendered';
import type { K8sObject, RenderedEnvironment } from '../../../policies/types';

/** Requests and limits (cores, bytes) and a pod count. */
interface Need {
  readonly requestsCpu: number;
  readonly requestsMemory: number;
  readonly limitsCpu: number;
  readonly limitsMemory: number;
  readonly pods: number;
}
const ZERO: Need = { requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0, pods: 0 };
const add = (a: Need, b: Need): Need => ({
  requestsCpu: a.requestsCpu + b.requestsCpu,
  requestsMemory: a.requestsMemory + b.requestsMemory,
  limitsCpu: a.limitsCpu + b.limitsCpu,
  limitsMemory: a.limitsMemory + b.limitsMemory,
  pods: a.pods + b.pods,
});
const times = (n: number, a: Need): Need => ({
  requestsCpu: n * a.requestsCpu,
  requestsMemory: n * a.requestsMemory,
  limitsCpu: n * a.limitsCpu,
  limitsMemory: n * a.limitsMemory,
  pods: n * a.pods,
});
const sum = (needs: Need[]) => needs.reduce(add, ZERO);

/** One container's `resources` (Kubernetes shape) as a zero-pod Need. */
function container(resources: any, where: string): Need {
  const q = (v: unknown, what: string) => {
    if (v === undefined || v === null) throw new Error(`${where}: ${what} is not set`);
    return quantityValue(String(v));
  };
  return {
    requestsCpu: q(resources?.requests?.cpu, 'requests.cpu'),
    requestsMemory: q(resources?.requests?.memory, 'requests.memory'),
    limitsCpu: q(resources?.limits?.cpu, 'limits.cpu'),
    limitsMemory: q(resources?.limits?.memory, 'limits.memory'),
    pods: 0,
  };
}

/** A pod as the quota counts it: the larger of its containers' sum and its largest init container. */
function pod(containers: Need[], inits: Need[] = []): Need {
  const main = sum(containers);
  const max = (pick: (n: Need) => number) => Math.max(pick(main), ...inits.map(pick));
  return {
    requestsCpu: max((n) => n.requestsCpu),
    requestsMemory: max((n) => n.requestsMemory),
    limitsCpu: max((n) => n.limitsCpu),
    limitsMemory: max((n) => n.limitsMemory),
    pods: 1,
  };
}

interface Rendered {
  readonly env: Environment;
  readonly rendered: RenderedEnvironment;
}

function render(name: EnvName): Rendered {
  return { env: environment(name), rendered: policyView(name) };
}

function object(r: Rendered, kind: string, namespace: string, name: string): K8sObject {
  const found = r.rendered.documents.find((d) => d.object.kind === kind && d.object.metadata.name === name && d.object.metadata.namespace === namespace);
  if (!found) throw new Error(`${r.env.name}: no ${kind} ${namespace}/${name} rendered`);
  return found.object;
}

function chartValues(r: Rendered, chart: string): Record<string, any> {
  const found = r.rendered.charts.find((c) => c.chart === chart);
  if (!found) throw new Error(`${r.env.name}: no ${chart} chart rendered`);
  return found.values;
}

function quota(r: Rendered, namespace: string): Need {
  const hard = object(r, 'ResourceQuota', namespace, 'compute').spec.hard;
  return {
    requestsCpu: quantityValue(String(hard['requests.cpu'])),
    requestsMemory: quantityValue(String(hard['requests.memory'])),
    limitsCpu: quantityValue(String(hard['limits.cpu'])),
    limitsMemory: quantityValue(String(hard['limits.memory'])),
    pods: Number(hard.pods),
  };
}

/** The Vault agent container the injector adds: per-pod annotations, else the injector's defaults. */
function vaultAgent(r: Rendered, annotations: Record<string, string> = {}): Need {
  const defaults = chartValues(r, 'vault').injector.agentDefaults;
  return container(
    {
      requests: { cpu: annotations['vault.hashicorp.com/agent-requests-cpu'] ?? defaults.cpuRequest, memory: annotations['vault.hashicorp.com/agent-requests-mem'] ?? defaults.memRequest },
      limits: { cpu: annotations['vault.hashicorp.com/agent-limits-cpu'] ?? defaults.cpuLimit, memory: annotations['vault.hashicorp.com/agent-limits-mem'] ?? defaults.memLimit },
    },
    'vault agent',
  );
}
const injects = (a: Record<string, string> = {}) => a['vault.hashicorp.com/agent-inject'] === 'true';
const initOnly = (a: Record<string, string> = {}) => a['vault.hashicorp.com/agent-pre-populate-only'] === 'true';

/** Kubernetes' rolling-update surge: an explicit maxSurge (number or percentage), else 25%, rounded up. */
function surge(strategy: any, replicas: number): number {
  const value = strategy?.rollingUpdate?.maxSurge ?? '25%';
  return typeof value === 'number' ? value : Math.ceil((replicas * Number(String(value).replace('%', ''))) / 100);
}

// ---- spark-jobs ---------------------------------------------------------------------------------

function sparkPoolSlots(r: Rendered): number {
  const pools = JSON.parse(object(r, 'ConfigMap', 'airflow', 'airflow-pools').data['pools.json']);
  return pools.spark_jobs.slots;
}

/** The largest SparkApplication at its maximum executor count, driver and executors with their Vault agents. */
function largestSparkApplication(r: Rendered): Need {
  const apps = r.rendered.documents.filter((d) => d.object.kind === 'SparkApplication').map((d) => d.object);
  expect(apps.length, 'rendered SparkApplications').toBeGreaterThan(0);
  const sparkPod = (app: K8sObject, role: 'driver' | 'executor'): Need => {
    const spec = app.spec[role];
    const memory = quantityValue(`${spec.memory.replace(/g$/, 'Gi').replace(/m$/, 'Mi')}`) + quantityValue(spec.memoryOverhead.replace(/m$/, 'Mi'));
    const main = container({ requests: { cpu: String(spec.cores), memory: String(memory) }, limits: { cpu: spec.coreLimit, memory: String(memory) } }, `${app.metadata.name} ${role}`);
    const annotations = spec.annotations ?? {};
    const agent = injects(annotations) ? [vaultAgent(r, annotations)] : [];
    return initOnly(annotations) ? pod([main], agent) : pod([main, ...agent]);
  };
  const needs = apps.map((app) => {
    const executors = Math.max(app.spec.executor.instances ?? 1, app.spec.dynamicAllocation?.enabled ? app.spec.dynamicAllocation.maxExecutors : 0);
    return add(sparkPod(app, 'driver'), times(executors, sparkPod(app, 'executor')));
  });
  return needs.reduce((a, b) => (b.requestsCpu > a.requestsCpu ? b : a));
}

function sparkJobsNeed(r: Rendered): Need {
  return times(sparkPoolSlots(r), largestSparkApplication(r));
}

// ---- airflow ------------------------------------------------------------------------------------

function airflowNeed(r: Rendered): Need {
  const values = chartValues(r, 'airflow');
  const gitSync = container(values.dags.gitSync.resources, 'dags.gitSync');
  const sidecarAgent = (annotations: Record<string, string> | undefined) => (injects(annotations) && !initOnly(annotations) ? [vaultAgent(r, annotations)] : []);

  // KubernetesExecutor worker pods: at most parallelism per scheduler; git-sync and the agent are init containers.
  const parallelism = Number(values.config.core.parallelism);
  expect(Number.isInteger(parallelism) && parallelism > 0, 'config.core.parallelism').toBe(true);
  const workerPods = parallelism * values.scheduler.replicas;
  const tasks = values.workers.kubernetes;
  const worker = pod([container(tasks.resources, 'workers.kubernetes')], [gitSync, ...(injects(tasks.podAnnotations) ? [vaultAgent(r, tasks.podAnnotations)] : [])]);

  // Deployments: replicas plus surge, each pod with its sidecars (git-sync where the chart adds it:
  // DAG processor and triggerer, the scheduler only without a DAG processor; log groomers; Vault agents).
  const deployment = (key: string, replicas: number, extra: Need[]) => {
    const v = values[key];
    const pods = replicas + surge(v.strategy, replicas);
    const groomer = v.logGroomerSidecar?.enabled === false || !v.logGroomerSidecar ? [] : [container(v.logGroomerSidecar.resources, `${key}.logGroomerSidecar`)];
    return times(pods, pod([container(v.resources, key), ...groomer, ...extra, ...sidecarAgent(v.podAnnotations)]));
  };
  const dagProcessorOn = values.dagProcessor?.enabled === true;
  const deployments = [
    deployment('scheduler', values.scheduler.replicas, dagProcessorOn ? [] : [gitSync]),
    deployment('apiServer', values.apiServer.replicas, []),
    ...(dagProcessorOn ? [deployment('dagProcessor', values.dagProcessor.replicas, [gitSync])] : []),
    deployment('triggerer', values.triggerer.replicas, [gitSync]),
    // statsd: one replica, no strategy key in the chart (Kubernetes' default surge).
    times(1 + surge(undefined, 1), pod([container(values.statsd.resources, 'statsd')])),
  ];

  // The migration Job and the cleanup CronJob's pod.
  const jobs = [pod([container(values.migrateDatabaseJob.resources, 'migrateDatabaseJob')]), pod([container(values.cleanup.resources, 'cleanup')])];

  return sum([times(workerPods, worker), ...deployments, ...jobs]);
}

// ---- airflow-db ---------------------------------------------------------------------------------

/** The metadata DB's own namespace: the PgBouncer Pooler (a Deployment, default surge) and the DB instances. */
function airflowDbNeed(r: Rendered): Need {
  const ours: Need[] = [];
  const pooler = r.rendered.documents.find((d) => d.object.kind === 'Pooler' && d.object.metadata.namespace === 'airflow-db')?.object;
  if (pooler) {
    const instances = pooler.spec.instances;
    ours.push(times(instances + surge(pooler.spec.deploymentStrategy, instances), pod(pooler.spec.template.spec.containers.map((c: any) => container(c.resources, 'pooler')))));
  }
  const db = object(r, 'Cluster', 'airflow-db', 'airflow-db');
  ours.push(times(db.spec.instances, pod([container(db.spec.resources, 'airflow-db')])));
  return sum(ours);
}

// ---- monitoring ---------------------------------------------------------------------------------

function monitoringNeed(env: Environment): Need {
  // Every monitoring workload but node-exporter (its own namespace) at its replica count, as the environment file sizes it.
  const others = Object.entries(env.sizing.monitoring)
    .filter(([name]) => name !== 'nodeExporter')
    .map(([name, w]) => times(w.replicas ?? 1, pod([container(w.resources, `sizing.monitoring.${name}`)])));
  return sum(others);
}

function nodeExporterNeed(r: Rendered, env: Environment): Need {
  const values = chartValues(r, 'kube-prometheus-stack');
  // The DaemonSet: one node-exporter pod on every node of the environment's cluster.
  return times(env.cluster.nodes, pod([container(values['prometheus-node-exporter'].resources, 'prometheus-node-exporter')]));
}

// ---- the check ----------------------------------------------------------------------------------

const MiB = 2 ** 20;
function exceeded(namespace: string, need: Need, hard: Need): string[] {
  const fields: [keyof Need, (n: number) => string][] = [
    ['requestsCpu', (n) => `${Math.round(n * 1000)}m`],
    ['requestsMemory', (n) => `${Math.ceil(n / MiB)}Mi`],
    ['limitsCpu', (n) => `${Math.round(n * 1000)}m`],
    ['limitsMemory', (n) => `${Math.ceil(n / MiB)}Mi`],
    ['pods', String],
  ];
  return fields.filter(([f]) => need[f] > hard[f] + 1e-9).map(([f, show]) => `${namespace}: needs ${f} ${show(need[f])}, quota admits ${show(hard[f])}`);
}

function capacityFindings(r: Rendered, env: Environment = r.env): string[] {
  return [
    ...exceeded('spark-jobs', sparkJobsNeed(r), quota(r, 'spark-jobs')),
    ...exceeded('airflow', airflowNeed(r), quota(r, 'airflow')),
    ...exceeded('airflow-db', airflowDbNeed(r), quota(r, 'airflow-db')),
    ...exceeded('monitoring', monitoringNeed(env), quota(r, 'monitoring')),
    ...exceeded('node-exporter', nodeExporterNeed(r, env), quota(r, 'node-exporter')),
  ];
}

const RENDERED = new Map<EnvName, Rendered>(ENVIRONMENTS.map((name) => [name, render(name)]));
const get = (name: EnvName) => RENDERED.get(name)!;

/** A copy of a rendering with one object or chart's values changed. */
function mutated(r: Rendered, change: (rendered: RenderedEnvironment) => void): Rendered {
  const rendered = structuredClone(r.rendered) as RenderedEnvironment;
  change(rendered);
  return { env: r.env, rendered };
}

describe('capacity: what may run at once fits the quotas', () => {
  for (const name of ENVIRONMENTS) {
    it(`${name}: spark_jobs pool × the largest application, parallelism × schedulers + surge, DaemonSets × nodes all fit`, () => {
      expect(capacityFindings(get(name))).toEqual([]);
    });
  }

  it('the pool slots and parallelism come from the environment file', () => {
    for (const name of ENVIRONMENTS) {
      const r = get(name);
      expect(sparkPoolSlots(r)).toBe(r.env.pipelines.spark.concurrentApplications);
      expect(chartValues(r, 'airflow').config.core.parallelism).toBe(String(r.env.airflow.parallelism));
    }
  });

  it('prod: 3 applications of 42 cores (driver 2 + 10 executors × 4) fit the spark-jobs quota', () => {
    const r = get('prod');
    expect(largestSparkApplication(r).requestsCpu).toBe(2 + 10 * 4);
    expect(sparkPoolSlots(r)).toBe(3);
    expect(sparkJobsNeed(r).requestsCpu).toBe(126);
    expect(quota(r, 'spark-jobs').requestsCpu).toBeGreaterThanOrEqual(126);
  });

  it('fails when the pool admits more applications than the spark-jobs quota', () => {
    const r = mutated(get('prod'), (rendered) => {
      const cm = rendered.documents.find((d) => d.object.kind === 'ConfigMap' && d.object.metadata.name === 'airflow-pools')!.object;
      const pools = JSON.parse(cm.data['pools.json']);
      pools.spark_jobs.slots = 5;
      cm.data['pools.json'] = JSON.stringify(pools);
    });
    expect(capacityFindings(r)).toEqual(expect.arrayContaining([expect.stringMatching(/^spark-jobs: needs requestsCpu 210000m, quota admits \d+m$/)]));
  });

  it('fails when Airflow parallelism outgrows the airflow quota', () => {
    const r = mutated(get('prod'), (rendered) => {
      rendered.charts.find((c) => c.chart === 'airflow')!.values.config.core.parallelism = '32';
    });
    expect(capacityFindings(r).some((f) => f.startsWith('airflow: needs requestsCpu'))).toBe(true);
  });

  it('fails when surge pods are not budgeted (the chart default surges the triggerer and DAG processor 100%)', () => {
    const r = mutated(get('prod'), (rendered) => {
      const values = rendered.charts.find((c) => c.chart === 'airflow')!.values;
      for (const key of ['scheduler', 'apiServer', 'dagProcessor', 'triggerer']) values[key].strategy = { rollingUpdate: { maxSurge: '300%' } };
    });
    expect(capacityFindings(r).some((f) => f.startsWith('airflow: needs'))).toBe(true);
  });

  it('fails when the cluster has more nodes than the node-exporter quota counted DaemonSet pods for', () => {
    const r = get('prod');
    const bigger: Environment = { ...r.env, cluster: { ...r.env.cluster, nodes: r.env.cluster.nodes * 3 } };
    expect(capacityFindings(r, bigger)).toEqual(expect.arrayContaining([expect.stringMatching(/^node-exporter: needs pods \d+, quota admits \d+$/)]));
  });
});
