// Every namespace of the platform (the README component table), its Pod Security level and the workloads
// whose sizing determines its ResourceQuota and LimitRange.
import type { Environment, Workload } from '../../environments/types';
import { AIRFLOW_MAX_SURGE } from '../airflow/constants';

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

export interface SizedPods {
  readonly workload: Workload;
  /** Pods of this shape that can run at once. */
  readonly pods: number;
}

export interface PlatformNamespace {
  readonly name: string;
  readonly podSecurity: PodSecurityLevel;
  /** Why a namespace cannot enforce `restricted`; required when it does not. */
  readonly exceptionReason?: string;
  readonly sizedPods: (env: Environment) => SizedPods[];
}

const pods = (workload: Workload, count = workload.replicas ?? 1): SizedPods => ({ workload, pods: count });

export function sparkPodWorkloads(env: Environment): { driver: Workload; executor: Workload } {
  const { driver, executor } = env.pipelines.spark;
  return { driver: sparkWorkload(driver.cores, driver.coreLimit, driver.memory), executor: sparkWorkload(executor.cores, executor.coreLimit, executor.memory) };
}

/** A Spark pod's memory request/limit is its heap plus Spark's non-JVM overhead (0.4 for Python). */
function sparkWorkload(cores: number, coreLimit: string, memory: string): Workload {
  const heapMi = memory.endsWith('g') ? Number(memory.slice(0, -1)) * 1024 : Number(memory.slice(0, -1));
  const podMi = `${Math.ceil((heapMi * 1.4) / 256) * 256}Mi`;
  return { resources: { requests: { cpu: String(cores), memory: podMi }, limits: { cpu: coreLimit, memory: podMi } } };
}

export const PLATFORM_NAMESPACES: readonly PlatformNamespace[] = [
  {
    name: 'argocd',
    podSecurity: 'restricted',
    sizedPods: ({ sizing: { argocd } }) => Object.values(argocd).map((w) => pods(w)),
  },
  {
    name: 'vault',
    podSecurity: 'restricted',
    sizedPods: ({ sizing: { vault } }) => [pods(vault.server), pods(vault.injector), pods(vault.configJob, 1), pods(vault.snapshot, 1)],
  },
  {
    name: 'vault-secrets-operator',
    podSecurity: 'restricted',
    // Each controller pod carries the kube-rbac-proxy sidecar in front of its metrics.
    sizedPods: ({ sizing: { vaultSecretsOperator: vso } }) => [pods(vso.controller), pods(vso.metricsProxy, vso.controller.replicas ?? 1)],
  },
  {
    name: 'cnpg-system',
    podSecurity: 'restricted',
    sizedPods: ({ sizing }) => [pods(sizing.cnpg.operator)],
  },
  {
    name: 'object-store',
    podSecurity: 'restricted',
    sizedPods: ({ sizing: { objectStore, vault } }) => [pods(objectStore.minio), pods(objectStore.provisioner, 1), pods(vault.agent, 1 + (objectStore.minio.replicas ?? 1))],
  },
  {
    name: 'iceberg-catalog',
    podSecurity: 'restricted',
    // The polaris-provisioning hook Job is sized like the object-store provisioner.
    sizedPods: ({ sizing }) => [pods(sizing.icebergCatalog.polaris), pods(sizing.postgres.catalogDb), pods(sizing.objectStore.provisioner, 1)],
  },
  {
    name: 'spark-operator',
    podSecurity: 'restricted',
    sizedPods: ({ sizing }) => [pods(sizing.sparkOperator.controller), pods(sizing.sparkOperator.webhook)],
  },
  {
    name: 'spark-jobs',
    podSecurity: 'restricted',
    sizedPods: (env) => {
      const { driver, executor } = sparkPodWorkloads(env);
      const executors = Math.max(env.pipelines.spark.executor.instances, env.pipelines.spark.dynamicAllocation.maxExecutors);
      // As many applications as the Airflow spark_jobs pool lets run at once, each at its maximum.
      const apps = env.pipelines.spark.concurrentApplications;
      return [pods(driver, apps), pods(executor, apps * executors), pods(env.sizing.vault.agent, apps * (1 + executors))];
    },
  },
  {
    name: 'airflow',
    podSecurity: 'restricted',
    sizedPods: (env) => {
      const { airflow, vault } = env.sizing;
      const replicas = (w: Workload) => w.replicas ?? 1;
      // Each Deployment's steady replicas plus its rolling-update surge (charts/airflow/values.ts).
      const withSurge = (w: Workload) => replicas(w) + AIRFLOW_MAX_SURGE;
      // KubernetesExecutor: one worker pod per running task, at most parallelism per scheduler.
      const workers = env.airflow.parallelism * replicas(airflow.scheduler);
      const groomed = withSurge(airflow.scheduler) + withSurge(airflow.dagProcessor) + withSurge(airflow.triggerer);
      return [
        pods(airflow.scheduler, withSurge(airflow.scheduler)),
        pods(airflow.apiServer, withSurge(airflow.apiServer)),
        pods(airflow.dagProcessor, withSurge(airflow.dagProcessor)),
        pods(airflow.triggerer, withSurge(airflow.triggerer)),
        pods(airflow.workers, workers),
        pods(airflow.statsd, withSurge(airflow.statsd)),
        // git-sync beside every DAG-reading Deployment pod, and as the worker pods' init container.
        pods(airflow.gitSync, groomed + workers),
        // Log groomer sidecars (sized like the jobs) and the migration Job and cleanup CronJob pods.
        pods(airflow.jobs, groomed + 2),
        // Vault agents: the worker pods' init containers, the API server's and triggerer's sidecars.
        pods(vault.agent, workers + withSurge(airflow.apiServer) + withSurge(airflow.triggerer)),
      ];
    },
  },
  {
    // The Airflow metadata DB and its PgBouncer Pooler, apart from the namespace where DAG code runs.
    name: 'airflow-db',
    podSecurity: 'restricted',
    sizedPods: ({ sizing: { airflow, postgres }, features }) => [
      pods(postgres.airflowDb),
      ...(features.pgbouncer ? [pods(airflow.pgbouncer, (airflow.pgbouncer.replicas ?? 1) + AIRFLOW_MAX_SURGE)] : []),
    ],
  },
  {
    name: 'datahub',
    // Restricted since the chart values and post-render steps harden every DataHub pod (charts/datahub/README.md).
    podSecurity: 'restricted',
    sizedPods: ({ sizing: { datahub, vault } }) => [...Object.values(datahub).map((w) => pods(w)), pods(vault.agent, 2)],
  },
  {
    name: 'monitoring',
    podSecurity: 'restricted',
    // node-exporter runs in its own namespace (below).
    sizedPods: ({ sizing: { monitoring } }) =>
      Object.entries(monitoring)
        .filter(([name]) => name !== 'nodeExporter')
        .map(([, w]) => pods(w)),
  },
  {
    // docs/decisions/0038-node-exporter-in-its-own-privileged-namespace.md
    name: 'node-exporter',
    podSecurity: 'privileged',
    exceptionReason:
      'prometheus-node-exporter (and nothing else) needs hostNetwork, hostPID and read-only hostPath mounts of /proc, /sys and / on every node; restricted is audited and warned',
    // node-exporter is a DaemonSet: one pod on every node of the cluster.
    sizedPods: ({ sizing: { monitoring }, cluster }) => [pods(monitoring.nodeExporter, cluster.nodes)],
  },
];

export function platformNamespace(name: string): PlatformNamespace {
  const ns = PLATFORM_NAMESPACES.find((n) => n.name === name);
  if (!ns) throw new Error(`unknown platform namespace ${name}`);
  return ns;
}
