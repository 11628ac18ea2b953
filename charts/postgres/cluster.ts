// One CloudNativePG Cluster per database: instances and resources from the sizing, storage from the
// environment file, PodMonitor on, owner credentials from Vault (never a password in git), and in
// environments with `features.postgresBackups` base backups + WAL archived to the object store: the
// in-cluster one, or the off-cluster one the environment file names (prod, docs/decisions/0019).
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { BUCKETS, OBJECT_STORE_NAMESPACE, OBJECT_STORE_PORT, POSTGRES_BACKUP_PREFIX, S3_ENDPOINT } from '../shared/endpoints';
import { protectedAnnotations } from '../shared/protection';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { valuesResources } from '../shared/resources';
import { zoneSpread } from '../shared/topology';
import { POSTGRES_CLUSTERS, POSTGRES_PORT, ownerSecretName, type PostgresCluster } from './clusters';
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
  const offCluster = env.postgres.offClusterBackups !== null;

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

  // Instances replicate to each other, answer the operator's status probes and are scraped; they
  // reach the API server (instance manager) and, with backups, the object store.
  const instancePods = { 'cnpg.io/cluster': c.name, 'cnpg.io/podRole': 'instance' };
  new KubeNetworkPolicy(scope, `${c.name}-netpol`, {
    metadata: { name: `${c.name}-instances`, namespace: c.namespace, labels: { [LABEL.name]: c.name, [LABEL.component]: 'network-policy' } },
    spec: {
      podSelector: { matchLabels: instancePods },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: instancePods } }], ports: tcpPorts(POSTGRES_PORT) },
        { from: [namespacePeer('cnpg-system')], ports: tcpPorts(8000) },
        ...(env.features.monitoring ? [{ from: [namespacePeer('monitoring')], ports: tcpPorts(9187) }] : []),
      ],
      egress: [
        { to: [{ podSelector: { matchLabels: instancePods } }], ports: tcpPorts(POSTGRES_PORT) },
        { ports: tcpPorts(443, 6443) },
        // The off-cluster store is reached over HTTPS (443, allowed above); the in-cluster one in its namespace.
        ...(backups && !offCluster ? [{ to: [namespacePeer(OBJECT_STORE_NAMESPACE)], ports: tcpPorts(OBJECT_STORE_PORT) }] : []),
      ],
    },
  });
}
