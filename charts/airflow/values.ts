// Values for the official Airflow chart (1.22, Airflow 3): KubernetesExecutor, DAGs by git-sync at the
// environment's revision, every secret pre-created through VSO, the Vault secrets backend with
// Kubernetes auth per component, sizing from the environment file, hooks as Argo CD sync Jobs.
import type { Environment } from '../../environments/types';
import { BUCKETS, S3_ENDPOINT, s3Region } from '../shared/endpoints';
import { pinnedImage } from '../shared/images';
import { helmTplLiterals } from '../shared/helm-tpl';
import { valuesResourcesWithScratch } from '../shared/resources';
import {
  VAULT_KUBERNETES_AUTH_MOUNT,
  VAULT_KV_MOUNT,
  VAULT_SERVICE_ADDRESS,
  VAULT_TOKEN_FILE,
  VAULT_TOKEN_VOLUME,
  vaultRoleName,
  vaultTokenVolume,
} from '../shared/vault-secrets';
import { SPEC_CONFIGMAP_NAME } from '../pipelines/spec-configmap';
import {
  AIRFLOW_NAMESPACE,
  CONNECTIONS,
  METADATA_DB_CLUSTER,
  METADATA_DB_NAMESPACE,
  METADATA_DB_POOLER,
  SERVICE_ACCOUNTS,
  SPARK_SPECS_DIR,
  SYNCED_SECRETS,
  VAULT_TOKEN_MOUNT,
  AIRFLOW_MAX_SURGE,
  type AirflowIdentity,
} from './constants';
import { AWS_CREDENTIALS_FILE, airflowAgentAnnotations, connectionsPath, variablesPath } from './vault';
import { airflowSecurityValues } from './pod-security';
import { MIGRATE_AND_IMPORT_POOLS, POOLS_CONFIGMAP, POOLS_DIR, POOLS_VOLUME, SPARK_POOL, SPARK_POOL_ENV } from './pools';

/** Referenced only to stop the chart generating it; never created (see `data` below). */
export const UNUSED_BROKER_URL_SECRET = 'airflow-broker-url';
export const VAULT_BACKEND = 'airflow.providers.hashicorp.secrets.vault.VaultBackend';
export const REMOTE_LOG_FOLDER = `s3://${BUCKETS.archive}/airflow-logs`;
const SPEC_VOLUME = 'spark-application-specs';
/**
 * Every container's sizing plus the platform's scratch bound: local logs (emptyDir, trimmed by the
 * log groomers), /tmp and the image layer; the object store holds the task logs.
 */
const resources = valuesResourcesWithScratch;
/** Images are pinned by tag; Always re-checks the tag with the registry, as our own workloads do. */
const PULL_ALWAYS = 'Always';

/** Each component logs in to Vault with its own role (one role per ServiceAccount). */
export function secretsBackendKwargs(env: Environment, identity: AirflowIdentity): string {
  return JSON.stringify({
    url: VAULT_SERVICE_ADDRESS,
    auth_type: 'kubernetes',
    auth_mount_point: VAULT_KUBERNETES_AUTH_MOUNT,
    kubernetes_role: vaultRoleName({ namespace: AIRFLOW_NAMESPACE, serviceAccount: SERVICE_ACCOUNTS[identity] }),
    kubernetes_jwt_path: `${VAULT_TOKEN_MOUNT}/${VAULT_TOKEN_FILE}`,
    mount_point: VAULT_KV_MOUNT,
    kv_engine_version: 2,
    connections_path: connectionsPath(env),
    variables_path: variablesPath(env),
    config_path: null,
  });
}

const backendEnv = (env: Environment, identity: AirflowIdentity) => [
  { name: 'AIRFLOW__SECRETS__BACKEND_KWARGS', value: secretsBackendKwargs(env, identity) },
];

/** Connections without secrets are plain env; credentials come from the agent-rendered file. */
function connectionEnv(env: Environment): { name: string; value: string }[] {
  const s3 = { conn_type: 'aws', extra: { endpoint_url: S3_ENDPOINT, region_name: s3Region(env), config_kwargs: { s3: { addressing_style: 'path' } } } };
  const kubernetes = { conn_type: 'kubernetes', extra: { in_cluster: true } };
  return [
    { name: `AIRFLOW_CONN_${CONNECTIONS.s3.toUpperCase()}`, value: JSON.stringify(s3) },
    { name: `AIRFLOW_CONN_${CONNECTIONS.kubernetes.toUpperCase()}`, value: JSON.stringify(kubernetes) },
    { name: 'AWS_SHARED_CREDENTIALS_FILE', value: AWS_CREDENTIALS_FILE },
    { name: 'GRIDATA_SPARK_SPECS_DIR', value: SPARK_SPECS_DIR },
    { name: SPARK_POOL_ENV, value: SPARK_POOL },
  ];
}

/**
 * Explicit rolling updates: one surge pod per Deployment and none unavailable, which the airflow
 * quota counts (charts/namespaces/platform-namespaces.ts). The chart's defaults surge 25%
 * (scheduler), 1 (API server) or 100% (DAG processor, triggerer).
 */
const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: AIRFLOW_MAX_SURGE, maxUnavailable: 0 } };

const pdb = (replicas: number | undefined) => ({ enabled: (replicas ?? 1) > 1, config: { maxUnavailable: 1 } });
const serviceAccount = (identity: AirflowIdentity) => ({ create: true, name: SERVICE_ACCOUNTS[identity] });
/**
 * Pods that never call the Kubernetes API get no token: no RoleBinding names their ServiceAccounts
 * (they log in to Vault with the projected, audience-bound token of VAULT_TOKEN_MOUNT instead). The
 * scheduler (launches task pods), API server (reads task pod logs), cleanup (deletes finished task
 * pods) and task pods (submit SparkApplications) keep theirs; the triggerer runs no Kubernetes trigger. The chart sets this on the ServiceAccount only; post-render.ts
 * writes it on the pods.
 */
const NO_API_TOKEN = { automountServiceAccountToken: false };

/** git-sync's HTTP endpoint (`/` answers 200 once the repository is synced) on the chart's httpPort. */
export const GIT_SYNC_HTTP_PORT = 1234;
const GIT_SYNC_READINESS = { httpGet: { path: '/', port: GIT_SYNC_HTTP_PORT }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
/** Liveness asks only that the server answers: a failing sync must not restart the container (maxFailures does). */
const GIT_SYNC_LIVENESS = { tcpSocket: { port: GIT_SYNC_HTTP_PORT }, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 };

/**
 * Vault injector annotations as chart values: the chart runs `tpl` over every podAnnotations map, so
 * the agent templates go in as Helm literals and reach the pod exactly as airflowAgentAnnotations wrote them.
 */
export function agentPodAnnotations(env: Environment, identity: 'worker' | 'triggerer' | 'apiServer'): Record<string, string> {
  return helmTplLiterals(airflowAgentAnnotations(env, identity));
}

export function metadataDbHost(env: Environment): string {
  return `${env.features.pgbouncer ? `${METADATA_DB_POOLER}` : `${METADATA_DB_CLUSTER}-rw`}.${METADATA_DB_NAMESPACE}.svc`;
}

export function airflowValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.airflow;
  const airflow = pinnedImage(env, 'airflow', 'airflow');
  const gitSync = pinnedImage(env, 'airflow', 'gitSync');
  const jobs = resources(sizing.jobs);
  const security = airflowSecurityValues();
  return {
    // Templates branch on airflowVersion: keep it equal to the image tag.
    airflowVersion: airflow.tag,
    defaultAirflowRepository: airflow.repository,
    defaultAirflowTag: airflow.tag,
    // Task pods (images.pod_template) keep IfNotPresent: one registry round trip per task is not worth it.
    images: {
      airflow: { pullPolicy: PULL_ALWAYS },
      gitSync: { repository: gitSync.repository, tag: gitSync.tag, pullPolicy: PULL_ALWAYS },
      statsd: { pullPolicy: PULL_ALWAYS },
    },
    executor: 'KubernetesExecutor',
    securityContexts: security.securityContexts,
    // The chart's pod-launcher Role adds pods/exec and events and binds the task pods and the
    // triggerer: task-launcher-rbac.ts renders the executor's own, bound to the scheduler only.
    allowPodLaunching: false,
    // Pre-created by Vault Secrets Operator; the chart must never generate them (every Argo CD
    // render would rotate them).
    fernetKeySecretName: SYNCED_SECRETS.fernet.secretName,
    apiSecretKeySecretName: SYNCED_SECRETS.apiSecretKey.secretName,
    jwtSecretName: SYNCED_SECRETS.jwt.secretName,
    // No Celery, so no broker: naming a Secret stops the chart from generating a broker URL Secret
    // (a pre-install hook with a placeholder value) that nothing reads under KubernetesExecutor.
    data: { metadataSecretName: SYNCED_SECRETS.metadataDb.secretName, brokerUrlSecretName: UNUSED_BROKER_URL_SECRET },
    postgresql: { enabled: false },
    redis: { enabled: false },
    // PgBouncer is CloudNativePG's Pooler in front of the metadata cluster (see pooler.ts): the
    // chart's own PgBouncer would need the database password in its values.
    pgbouncer: { enabled: false },
    env: connectionEnv(env),
    volumes: [vaultTokenVolume(), { name: SPEC_VOLUME, configMap: { name: SPEC_CONFIGMAP_NAME } }],
    volumeMounts: [
      { name: VAULT_TOKEN_VOLUME, mountPath: VAULT_TOKEN_MOUNT, readOnly: true },
      { name: SPEC_VOLUME, mountPath: SPARK_SPECS_DIR, readOnly: true },
    ],
    config: {
      // Task instances per scheduler; the airflow quota admits parallelism × schedulers worker pods.
      core: { load_examples: 'False', parallelism: String(env.airflow.parallelism) },
      secrets: { backend: VAULT_BACKEND, backend_kwargs: secretsBackendKwargs(env, 'scheduler') },
      logging: { remote_logging: 'True', remote_base_log_folder: REMOTE_LOG_FOLDER, remote_log_conn_id: CONNECTIONS.s3 },
      kubernetes_executor: { namespace: AIRFLOW_NAMESPACE, delete_worker_pods: 'True' },
      ...(env.features.datahub
        ? { datahub: { enabled: 'True', conn_id: CONNECTIONS.datahub, cluster: env.name, capture_ownership_info: 'True', capture_tags_info: 'True', materialize_iolets: 'True' } }
        : {}),
    },
    dags: {
      gitSync: {
        enabled: true,
        repo: env.argocd.repoURL,
        branch: env.argocd.targetRevision,
        ref: env.argocd.targetRevision,
        subPath: 'dags',
        depth: 1,
        period: '60s',
        maxFailures: 3,
        resources: resources(sizing.gitSync),
        securityContexts: security.gitSync.securityContexts,
        httpPort: GIT_SYNC_HTTP_PORT,
        // Both probes as given (the chart's recommendedProbeSetting renders liveness only): ready once
        // the repository is synced, alive while its HTTP server answers.
        recommendedProbeSetting: false,
        readinessProbe: GIT_SYNC_READINESS,
        livenessProbe: GIT_SYNC_LIVENESS,
      },
    },
    scheduler: {
      replicas: sizing.scheduler.replicas,
      strategy,
      resources: resources(sizing.scheduler),
      serviceAccount: serviceAccount('scheduler'),
      podDisruptionBudget: pdb(sizing.scheduler.replicas),
      env: backendEnv(env, 'scheduler'),
      logGroomerSidecar: { resources: jobs, securityContexts: security.logGroomer.securityContexts },
    },
    apiServer: {
      replicas: sizing.apiServer.replicas,
      strategy,
      resources: resources(sizing.apiServer),
      serviceAccount: serviceAccount('apiServer'),
      podDisruptionBudget: pdb(sizing.apiServer.replicas),
      podAnnotations: agentPodAnnotations(env, 'apiServer'),
      env: backendEnv(env, 'apiServer'),
    },
    dagProcessor: {
      enabled: true,
      replicas: sizing.dagProcessor.replicas,
      strategy,
      resources: resources(sizing.dagProcessor),
      serviceAccount: { ...serviceAccount('dagProcessor'), ...NO_API_TOKEN },
      podDisruptionBudget: pdb(sizing.dagProcessor.replicas),
      env: backendEnv(env, 'dagProcessor'),
      logGroomerSidecar: { resources: jobs, securityContexts: security.logGroomer.securityContexts },
    },
    triggerer: {
      replicas: sizing.triggerer.replicas,
      strategy,
      resources: resources(sizing.triggerer),
      serviceAccount: { ...serviceAccount('triggerer'), ...NO_API_TOKEN },
      podDisruptionBudget: pdb(sizing.triggerer.replicas),
      // Task logs go to the object store; no per-replica log volume.
      persistence: { enabled: false },
      podAnnotations: agentPodAnnotations(env, 'triggerer'),
      env: backendEnv(env, 'triggerer'),
      logGroomerSidecar: { resources: jobs, securityContexts: security.logGroomer.securityContexts },
    },
    workers: {
      // KubernetesExecutor task pods are built from these (pod_template_file); chart 1.22 reads the
      // `workers.kubernetes` block for them (the flat `workers.*` keys are its deprecated aliases).
      kubernetes: {
        resources: resources(sizing.workers),
        serviceAccount: serviceAccount('worker'),
        podAnnotations: agentPodAnnotations(env, 'worker'),
        env: backendEnv(env, 'worker'),
      },
      // No Celery workers run: the chart must not create their ServiceAccount beside the task pods' one.
      celery: { serviceAccount: { create: false } },
    },
    statsd: {
      enabled: true,
      resources: resources(sizing.statsd),
      securityContexts: security.statsd.securityContexts,
      serviceAccount: NO_API_TOKEN,
    },
    // Argo CD runs hooks its own way: the migration is a Sync-phase Job, no Helm hooks.
    migrateDatabaseJob: {
      useHelmHooks: false,
      args: MIGRATE_AND_IMPORT_POOLS,
      extraVolumes: [{ name: POOLS_VOLUME, configMap: { name: POOLS_CONFIGMAP } }],
      extraVolumeMounts: [{ name: POOLS_VOLUME, mountPath: POOLS_DIR, readOnly: true }],
      applyCustomEnv: false,
      jobAnnotations: { 'argocd.argoproj.io/hook': 'Sync' },
      resources: jobs,
      serviceAccount: NO_API_TOKEN,
    },
    // No default admin user: its password would live in values. Users come from the auth manager.
    createUserJob: { enabled: false, useHelmHooks: false, applyCustomEnv: false, resources: jobs, serviceAccount: NO_API_TOKEN },
    cleanup: { enabled: true, resources: jobs },
    networkPolicies: { enabled: false },
  };
}
