// Every namespace of the platform (DESIGN §3), its Pod Security level and the workloads
// whose sizing determines its ResourceQuota and LimitRange.
import type { Environment, Workload } from '../../environments/types';

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

/** Concurrent SparkApplications the quota leaves room for (driver + max executors each). */
export const CONCURRENT_SPARK_APPLICATIONS = 3;

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
    sizedPods: ({ sizing: { vault } }) => [pods(vault.server), pods(vault.injector), pods(vault.configJob, 1)],
  },
  {
    name: 'vault-secrets-operator',
    podSecurity: 'restricted',
    sizedPods: ({ sizing }) => [pods(sizing.vaultSecretsOperator.controller)],
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
      return [
        pods(driver, CONCURRENT_SPARK_APPLICATIONS),
        pods(executor, CONCURRENT_SPARK_APPLICATIONS * executors),
        pods(env.sizing.vault.agent, CONCURRENT_SPARK_APPLICATIONS * (1 + executors)),
      ];
    },
  },
  {
    name: 'airflow',
    podSecurity: 'restricted',
    sizedPods: ({ sizing: { airflow, postgres, vault } }) => [
      pods(airflow.scheduler),
      pods(airflow.apiServer),
      pods(airflow.dagProcessor),
      pods(airflow.triggerer),
      pods(airflow.workers, 8),
      pods(airflow.statsd),
      pods(airflow.pgbouncer),
      pods(airflow.gitSync, (airflow.dagProcessor.replicas ?? 1) + (airflow.scheduler.replicas ?? 1) + (airflow.triggerer.replicas ?? 1)),
      pods(airflow.jobs, 1),
      pods(postgres.airflowDb),
      pods(vault.agent, 8),
    ],
  },
  {
    name: 'datahub',
    podSecurity: 'baseline',
    exceptionReason:
      'the datahub-prerequisites chart runs OpenSearch with a sysctl init container and Bitnami MySQL/Kafka images that do not set seccomp or drop capabilities; restricted is audited and warned',
    sizedPods: ({ sizing: { datahub, vault } }) => [...Object.values(datahub).map((w) => pods(w)), pods(vault.agent, 2)],
  },
  {
    name: 'monitoring',
    podSecurity: 'privileged',
    exceptionReason:
      'prometheus-node-exporter needs hostNetwork, hostPID and hostPath mounts of /proc and /sys on every node; restricted is audited and warned',
    sizedPods: ({ sizing: { monitoring } }) => Object.values(monitoring).map((w) => pods(w)),
  },
];

export function platformNamespace(name: string): PlatformNamespace {
  const ns = PLATFORM_NAMESPACES.find((n) => n.name === name);
  if (!ns) throw new Error(`unknown platform namespace ${name}`);
  return ns;
}
