// Flows of the CloudNativePG clusters: instances replicate from the primary and call the API server
// (instance manager); the bootstrap Jobs' pods (labelled cnpg.io/jobRole, not podRole=instance) call
// the API server, and the join Job copies the primary with pg_basebackup; with backups on, the
// instances archive WAL and base backups to the in-cluster object store or the off-cluster target.
// Clients declare their own flows to the instances (or a pooler).
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_PORT } from '../shared/endpoints';
import { external, tcp, toKubeApiServer, workload, type Flow } from '../shared/flows';
import { minioServer } from '../object-store/flows';
import { scrapedBy } from '../monitoring/flows';
import { POSTGRES_CLUSTERS, POSTGRES_PORT, type PostgresCluster } from './clusters';
import { backupsEnabled } from './vault-consumers';

const C = 'postgres';
export const POSTGRES_METRICS_PORT = 9187;
export const postgresInstances = (c: PostgresCluster) => workload(C, c.namespace, `${c.name}-instances`, { 'cnpg.io/cluster': c.name, 'cnpg.io/podRole': 'instance' });
export const postgresJobs = (c: PostgresCluster) =>
  workload(C, c.namespace, `${c.name}-jobs`, { matchLabels: { 'cnpg.io/cluster': c.name }, matchExpressions: [{ key: 'cnpg.io/jobRole', operator: 'Exists' }] });
/** The join Job's pods (a replica's first copy of the primary). */
export const postgresJoinJob = (c: PostgresCluster) => workload(C, c.namespace, `${c.name}-join-job`, { 'cnpg.io/cluster': c.name, 'cnpg.io/jobRole': 'join' });

export function postgresFlows(env: Environment): Flow[] {
  return POSTGRES_CLUSTERS.flatMap((c) => {
    const flows: Flow[] = [
      tcp(postgresInstances(c), postgresInstances(c), POSTGRES_PORT, 'Replicas stream WAL from the primary'),
      toKubeApiServer(env, postgresInstances(c), 'The instance manager reads its Cluster and Secrets and reports status'),
      toKubeApiServer(env, postgresJobs(c), 'The initdb and join Jobs read the Cluster and its Secrets'),
      // monitoring.enablePodMonitor: the operator creates a PodMonitor for the instances' exporter.
      ...scrapedBy(env, postgresInstances(c), POSTGRES_METRICS_PORT, `${c.name}'s Postgres exporter (the operator's PodMonitor)`),
    ];
    // Replicas are created by join Jobs: only with more than one instance.
    if ((c.sizing(env).replicas ?? 1) > 1) flows.push(tcp(postgresJoinJob(c), postgresInstances(c), POSTGRES_PORT, 'The join Job clones the primary (pg_basebackup)'));
    if (backupsEnabled(env)) {
      const offCluster = env.postgres.offClusterBackups;
      if (offCluster) {
        if (!env.network.backupTarget) throw new Error(`${env.name}: network.backupTarget is required with postgres.offClusterBackups`);
        flows.push(tcp(postgresInstances(c), external('backup-target', env.network.backupTarget), 443, 'WAL archive and base backups to the off-cluster store (HTTPS)'));
      } else {
        flows.push(tcp(postgresInstances(c), minioServer(env), OBJECT_STORE_PORT, 'WAL archive and base backups to the object store'));
      }
    }
    return flows;
  });
}
