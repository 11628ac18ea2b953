// Driver and executor pod settings: sizing from the environment file, the Spark ServiceAccounts,
// Vault agent annotations, restricted security contexts and labels.
import type { Environment, SparkPod } from '../../environments/types';
import { sparkPodWorkloads } from '../namespaces/platform-namespaces';
import { SPARK_DRIVER_SERVICE_ACCOUNT, SPARK_EXECUTOR_SERVICE_ACCOUNT } from '../shared/endpoints';
import { standardLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { VAULT_TOKEN_VOLUME, vaultTokenVolume } from '../shared/vault-secrets';
import { sparkSecretEnv, sparkVaultAnnotations, type SparkRole } from './vault-agent';

/** The `spark` user of the apache/spark base image. */
export const SPARK_UID = 185;

/** Scratch space: the root filesystem is read-only; the image entrypoint, the JVM and s3a write to /tmp. */
export const TMP_VOLUME = { name: 'tmp', emptyDir: { sizeLimit: '4Gi' } } as const;

/**
 * Pod volumes of every Spark pod. The operator's webhook only adds a volume that the Spark
 * container mounts, so the Vault token volume is mounted there too (read-only) for the injector to find it.
 */
export function sparkVolumes(): object[] {
  return [{ ...TMP_VOLUME }, vaultTokenVolume()];
}

const VOLUME_MOUNTS = [
  { name: TMP_VOLUME.name, mountPath: '/tmp' },
  { name: VAULT_TOKEN_VOLUME, mountPath: '/var/run/secrets/gridata/vault-token', readOnly: true },
];

/** Spark's memory strings: `<n>m` or `<n>g`, in MiB. */
export function sparkMemoryMi(memory: string): number {
  const match = /^(\d+)([mg])$/.exec(memory);
  if (!match) throw new Error(`Spark memory "${memory}": expected <n>m or <n>g`);
  return Number(match[1]) * (match[2] === 'g' ? 1024 : 1);
}

function mebibytes(quantity: string): number {
  const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
  if (!match) throw new Error(`memory quantity "${quantity}": expected <n>Mi or <n>Gi`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

/**
 * Non-heap overhead that makes the pod's memory (heap + overhead) exactly the size the
 * spark-jobs ResourceQuota and LimitRange were computed for (charts/namespaces).
 */
export function memoryOverhead(env: Environment, role: SparkRole): string {
  const pod: SparkPod = env.pipelines.spark[role];
  const podMi = mebibytes(sparkPodWorkloads(env)[role].resources.limits.memory);
  return `${podMi - sparkMemoryMi(pod.memory)}m`;
}

export function sparkPodLabels(env: Environment, appName: string, role: SparkRole, version: string): Record<string, string> {
  return standardLabels(env.name, { name: appName, component: `spark-${role}` }, version);
}

export function sparkPodSpec(env: Environment, appName: string, role: SparkRole, version: string): Record<string, unknown> {
  const pod = env.pipelines.spark[role];
  return {
    cores: pod.cores,
    coreLimit: pod.coreLimit,
    memory: pod.memory,
    memoryOverhead: memoryOverhead(env, role),
    ...(role === 'executor' ? { instances: env.pipelines.spark.executor.instances } : {}),
    serviceAccount: role === 'driver' ? SPARK_DRIVER_SERVICE_ACCOUNT : SPARK_EXECUTOR_SERVICE_ACCOUNT,
    labels: sparkPodLabels(env, appName, role, version),
    annotations: sparkVaultAnnotations(env, role),
    env: sparkSecretEnv(env, role),
    podSecurityContext: restrictedPodSecurityContext(SPARK_UID),
    securityContext: restrictedContainerSecurityContext({ readOnlyRootFilesystem: true }),
    volumeMounts: VOLUME_MOUNTS.map((m) => ({ ...m })),
  };
}
