// Flows of DataHub: the app pods (GMS, frontend, actions, system-update Jobs) use MySQL, Kafka and
// OpenSearch and call GMS; GMS replicas share a Hazelcast cache; Kafka controllers form their quorum;
// our ingestion CronJobs call GMS, the object store, the catalog and Vault; users reach the frontend.
// Airflow's lineage plugin declares its own flow to GMS.
import type { Environment } from '../../environments/types';
import { ICEBERG_CATALOG_PORT, OBJECT_STORE_PORT } from '../shared/endpoints';
import { fromIngress, tcp, workload, type Flow } from '../shared/flows';
import { LABEL } from '../shared/labels';
import { scrapedBy } from '../monitoring/flows';
import { minioServer } from '../object-store/flows';
import { polaris } from '../iceberg-catalog/flows';
import { toVault } from '../vault/flows';
import { DATAHUB_NAMESPACE, GMS_PODS, KAFKA_PODS, MYSQL_PODS, OPENSEARCH_PODS, PORTS, chartPods } from './constants';
import { INGESTION_NAME } from './ingestion';
import { APP_POD_LABEL } from './values';

export const datahubApp = () => workload('datahub', DATAHUB_NAMESPACE, 'datahub-app', APP_POD_LABEL);
export const datahubGms = () => workload('datahub', DATAHUB_NAMESPACE, 'datahub-gms', GMS_PODS);
export const datahubFrontend = () => workload('datahub', DATAHUB_NAMESPACE, 'datahub-frontend', chartPods('datahub-frontend'));
export const datahubIngestion = () => workload('datahub', DATAHUB_NAMESPACE, 'datahub-ingestion', { [LABEL.name]: INGESTION_NAME });
const P = 'datahub-prerequisites';
export const datahubMysql = () => workload(P, DATAHUB_NAMESPACE, 'prerequisites-mysql', MYSQL_PODS);
export const datahubKafka = () => workload(P, DATAHUB_NAMESPACE, 'prerequisites-kafka', KAFKA_PODS);
export const datahubOpensearch = () => workload(P, DATAHUB_NAMESPACE, 'prerequisites-opensearch', OPENSEARCH_PODS);

/** Flows of the prerequisites release (rendered into the datahub-prerequisites folder). */
export function prerequisitesFlows(): Flow[] {
  return [
    tcp(datahubKafka(), datahubKafka(), PORTS.kafkaController, 'Kafka controllers form the KRaft quorum'),
    tcp(datahubKafka(), datahubKafka(), PORTS.kafka, 'Kafka brokers replicate (client listener)'),
    tcp(datahubKafka(), datahubKafka(), 9094, 'Kafka brokers replicate (inter-broker listener)'),
    tcp(datahubOpensearch(), datahubOpensearch(), PORTS.opensearchTransport, 'OpenSearch nodes form their cluster'),
  ];
}

export function datahubFlows(env: Environment): Flow[] {
  const app = datahubApp();
  return [
    tcp(app, datahubMysql(), PORTS.mysql, 'GMS and the system-update Jobs keep the metadata in MySQL'),
    tcp(app, datahubKafka(), PORTS.kafka, 'The app pods produce and consume metadata change events'),
    tcp(app, datahubOpensearch(), PORTS.opensearch, 'The app pods index and search in OpenSearch'),
    tcp(app, datahubGms(), PORTS.gms, 'The frontend, actions and system-update Jobs call GMS'),
    tcp(datahubGms(), datahubGms(), PORTS.hazelcast, 'GMS replicas share their cache (Hazelcast)'),
    tcp(datahubIngestion(), datahubGms(), PORTS.gms, 'Ingestion emits metadata to GMS'),
    tcp(datahubIngestion(), minioServer(env), OBJECT_STORE_PORT, 'The S3 ingestion lists the raw and curated buckets'),
    tcp(datahubIngestion(), polaris(), ICEBERG_CATALOG_PORT, 'The Iceberg ingestion reads the catalog'),
    toVault(datahubIngestion(), "The ingestion's Vault agent fetches its credentials"),
    ...scrapedBy(env, datahubGms(), PORTS.gmsJmxMetrics, 'GMS (JMX exporter)'),
    ...scrapedBy(env, datahubGms(), PORTS.gmsActuatorMetrics, 'GMS (Spring actuator)'),
    ...fromIngress(env, datahubFrontend(), PORTS.frontend, 'the DataHub UI'),
  ];
}
