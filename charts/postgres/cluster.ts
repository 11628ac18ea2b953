// One CloudNativePG Cluster per database: instances and resources from the sizing, storage from the
// environment file, PodMonitor on, owner credentials from Vault (never a password in git), and in
// environments with `features.postgresBackups` base backups + WAL archived to the object store: the
// in-cluster one, or the off-cluster one the environment file names (prod, docs/decisions/0019).
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { Environment } from '../../environments/types';
import { BUCKETS, POSTGRES_BACKUP_PREFIX, S3_ENDPOINT } from '../shared/endpoints';
import { protectedAnnotations } from '../shared/protection';
import { LABEL } from '../shared/labels';
import { valuesResources } from '../shared/resources';
import { zoneSpread } from '../shared/topology';
import { POSTGRES_CLUSTERS, ownerSecretName, type PostgresCluster } from './clusters';
import { backupCredentials, backupsEnabled } from './vault-consumers';

export const CNPG_API_VERSION = 'postgresql.cnpg.io/v1';
export const BACKUP_RETENTION = '30d';
/** Daily base backup at 02:00 (CloudNativePG cron has a seconds field). */
export const BACKUP_SCHEDULE = '0 0 2 * * *';

export function backupDestination(env: Environment, c: PostgresCluster): string {
  const bucket = env.postgres.offClusterBackups?.bucket ?? BUCKETS.archive;
  return `s3://${bucket}/${POSTGRES_BACKUP_PREFIX}/${c.name}`;
}

export function backupEndpoint(env: Environment): string {
  return env.postgres.offClusterBackups?.endpointURL ?? S3_ENDPOINT;
}

export function renderClusters(scope: Construct, env: Environment): void {
  for (const cluster of POSTGRES_CLUSTERS) renderCluster(scope, env, cluster);
}

function renderCluster(scope: Construct, env: Environment, c: PostgresCluster): void {
  const sizing = c.sizing(env);
  const instances = sizing.replicas ?? 1;
  const labels = { [LABEL.name]: c.name, [LABEL.component]: 'database' };
  const backups = backupsEnabled(env);
  const credential = (key: string) => ({ name: backupCredentials(env).secretName, key });

  new ApiObject(scope, `${c.name}-cluster`, {
    apiVersion: CNPG_API_VERSION,
    kind: 'Cluster',
    // The database: never pruned, kept when the Application goes (CNPG keeps its volumes with it).
    metadata: { name: c.name, namespace: c.namespace, labels, annotations: protectedAnnotations() },
    spec: {
      instances,
      // The PostgreSQL image is the operator release's default, pinned by the operator version.
      primaryUpdateStrategy: 'unsupervised',
      enableSuperuserAccess: false,
      bootstrap: { initdb: { database: c.database, owner: c.owner, secret: { name: ownerSecretName(c) } } },
      storage: { size: c.storage(env) },
      resources: valuesResources(sizing),
      affinity: instances > 1 ? { enablePodAntiAffinity: true, podAntiAffinityType: 'required', topologyKey: 'kubernetes.io/hostname' } : { enablePodAntiAffinity: false },
      // Instances across zones as well (Cluster spec.topologySpreadConstraints, passed to the pods).
      ...(zoneSpread(env, instances).length ? { topologySpreadConstraints: zoneSpread(env, instances, { 'cnpg.io/cluster': c.name }) } : {}),
      monitoring: { enablePodMonitor: env.features.monitoring },
      ...(backups
        ? {
            backup: {
              retentionPolicy: BACKUP_RETENTION,
              barmanObjectStore: {
                destinationPath: backupDestination(env, c),
                endpointURL: backupEndpoint(env),
                s3Credentials: { accessKeyId: credential('ACCESS_KEY_ID'), secretAccessKey: credential('ACCESS_SECRET_KEY') },
                wal: { compression: 'gzip' },
                data: { compression: 'gzip' },
              },
            },
          }
        : {}),
    },
  });

  if (backups) {
    new ApiObject(scope, `${c.name}-scheduled-backup`, {
      apiVersion: CNPG_API_VERSION,
      kind: 'ScheduledBackup',
      metadata: { name: `${c.name}-daily`, namespace: c.namespace, labels: { ...labels, [LABEL.component]: 'backup' } },
      spec: { schedule: BACKUP_SCHEDULE, backupOwnerReference: 'self', cluster: { name: c.name }, method: 'barmanObjectStore' },
    });
  }
  // NetworkPolicies: generated from charts/postgres/flows.ts (instances and the bootstrap Jobs).
}
