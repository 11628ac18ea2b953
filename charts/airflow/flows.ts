// Flows of Airflow (KubernetesExecutor): every component reaches the metadata DB (through PgBouncer
// when it is on) and sends statsd metrics; workers, the triggerer and the DAG processor call the API
// server's execution API, which reads task logs from running workers and the triggerer; the Vault
// secrets backend serves connections and variables; logs go to the object store; git-sync fetches
// the DAGs from the Git host; the scheduler launches worker pods and the workers submit
// SparkApplications through the Kubernetes API; the lineage plugin emits to DataHub GMS.
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_PORT } from '../shared/endpoints';
import { external, fromIngress, tcp, toKubeApiServer, udp, workload, type Flow, type WorkloadEndpoint } from '../shared/flows';
import { scrapedBy } from '../monitoring/flows';
import { minioServer } from '../object-store/flows';
import { POSTGRES_CLUSTERS } from '../postgres/clusters';
import { postgresInstances } from '../postgres/flows';
import { toVault } from '../vault/flows';
import { datahubGms } from '../datahub/flows';
import { DATAHUB_GMS_PORT } from './network-policies';
import { AIRFLOW_NAMESPACE, METADATA_DB_NAMESPACE, PORTS, componentPods } from './constants';
import { POOLER_LABELS, POOLER_METRICS_PORT } from './pooler';

const C = 'airflow';
const pods = (component: string, name = `airflow-${component}`) => workload(C, AIRFLOW_NAMESPACE, name, componentPods(component));
export const airflowScheduler = () => pods('scheduler');
export const airflowApiServer = () => pods('api-server');
export const airflowDagProcessor = () => pods('dag-processor');
export const airflowTriggerer = () => pods('triggerer');
export const airflowStatsd = () => pods('statsd');
/** KubernetesExecutor task pods (pod_template_file): they run DAG code. */
export const airflowWorkers = () => pods('worker', 'airflow-workers');
export const airflowMigrations = () => pods('run-airflow-migrations', 'airflow-migrations');
export const airflowCleanup = () => pods('airflow-cleanup-pods', 'airflow-cleanup');
export const airflowPooler = () => workload(C, METADATA_DB_NAMESPACE, 'airflow-db-pooler', POOLER_LABELS);

const metadataDb = POSTGRES_CLUSTERS.find((c) => c.name === 'airflow-db')!;

export function airflowFlows(env: Environment): Flow[] {
  const core = [airflowScheduler(), airflowApiServer(), airflowDagProcessor(), airflowTriggerer(), airflowWorkers()];
  const dbClients = [...core, airflowMigrations()];
  const db: WorkloadEndpoint = env.features.pgbouncer ? airflowPooler() : postgresInstances(metadataDb);
  const gitHost = external('git-host', env.network.gitHost);
  const gitPort = env.argocd.repoURL.startsWith('https://') ? 443 : 22;
  const flows: Flow[] = [
    ...dbClients.map((w) => tcp(w, db, PORTS.postgres, `${w.name} uses the metadata DB`)),
    ...[...core, airflowMigrations()].map((w) => udp(w, airflowStatsd(), PORTS.statsdIngest, `${w.name} sends statsd metrics`)),
    ...[airflowWorkers(), airflowTriggerer(), airflowDagProcessor()].map((w) => tcp(w, airflowApiServer(), PORTS.apiServer, `${w.name} calls the task execution API`)),
    tcp(airflowApiServer(), airflowWorkers(), PORTS.workerLogs, 'The UI reads the logs of running tasks from the worker log server'),
    tcp(airflowApiServer(), airflowTriggerer(), PORTS.triggererLogs, "The UI reads the triggerer's logs"),
    ...core.map((w) => toVault(w, `${w.name} reads connections and variables (Vault secrets backend)`)),
    ...[airflowWorkers(), airflowTriggerer(), airflowDagProcessor(), airflowApiServer()].map((w) => tcp(w, minioServer(env), OBJECT_STORE_PORT, `${w.name} writes or reads task logs and data in the object store`)),
    ...[airflowWorkers(), airflowTriggerer(), airflowDagProcessor()].map((w) => tcp(w, gitHost, gitPort, `git-sync in ${w.name} fetches the DAGs`)),
    toKubeApiServer(env, airflowScheduler(), 'The scheduler launches and watches task pods (KubernetesExecutor)'),
    toKubeApiServer(env, airflowWorkers(), 'Tasks submit and watch SparkApplications'),
    toKubeApiServer(env, airflowTriggerer(), 'Deferred Spark sensors watch SparkApplications'),
    toKubeApiServer(env, airflowApiServer(), 'The UI reads the logs of task pods'),
    toKubeApiServer(env, airflowCleanup(), 'The cleanup CronJob deletes finished task pods'),
    ...scrapedBy(env, airflowStatsd(), PORTS.statsdScrape, "Airflow's statsd exporter"),
    ...fromIngress(env, airflowApiServer(), PORTS.apiServer, 'the Airflow UI'),
  ];
  if (env.features.pgbouncer) {
    flows.push(
      tcp(airflowPooler(), postgresInstances(metadataDb), PORTS.postgres, 'PgBouncer connects to the metadata DB'),
      toKubeApiServer(env, airflowPooler(), "The pooler's instance manager reads its Pooler and Secrets"),
      ...scrapedBy(env, airflowPooler(), POOLER_METRICS_PORT, 'the PgBouncer exporter (the Pooler\'s PodMonitor)'),
    );
  }
  if (env.features.datahub) flows.push(tcp(airflowWorkers(), datahubGms(), DATAHUB_GMS_PORT, "Tasks' DataHub plugin emits lineage to GMS"));
  return flows;
}
