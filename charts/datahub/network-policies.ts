// Exactly the flows DataHub needs in its default-deny namespace. Prerequisites (MySQL, Kafka,
// OpenSearch) accept the DataHub app pods and talk among themselves; the app pods reach them and
// GMS; GMS accepts the app pods, our ingestion jobs, Airflow's lineage plugin and Prometheus, and
// its replicas share a Hazelcast cache; the ingestion jobs reach GMS, the object store, the catalog
// and Vault.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy, type NetworkPolicyEgressRule, type NetworkPolicyIngressRule } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { ICEBERG_CATALOG_NAMESPACE, ICEBERG_CATALOG_PORT, OBJECT_STORE_NAMESPACE, OBJECT_STORE_PORT } from '../shared/endpoints';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { DATAHUB_NAMESPACE, GMS_PODS, PORTS, PREREQUISITES_RELEASE } from './constants';
import { INGESTION_NAME } from './ingestion';
import { APP_POD_LABEL } from './values';

export const VAULT_PORT = 8200;
export const AIRFLOW_NAMESPACE = 'airflow';
export const MONITORING_NAMESPACE = 'monitoring';
export const PROMETHEUS_POD_LABELS = { 'app.kubernetes.io/name': 'prometheus' };

const PREREQUISITE_PODS = { 'app.kubernetes.io/instance': PREREQUISITES_RELEASE };
const INGESTION_PODS = { [LABEL.name]: INGESTION_NAME };
const peer = (labels: Record<string, string>) => ({ podSelector: { matchLabels: labels } });

export interface Flow {
  readonly name: string;
  readonly pods: Record<string, string>;
  readonly ingress?: NetworkPolicyIngressRule[];
  readonly egress?: NetworkPolicyEgressRule[];
}

/** Flows of the prerequisites release (rendered into the datahub-prerequisites folder). */
export function prerequisitesFlows(): Flow[] {
  const internal = tcpPorts(PORTS.kafka, PORTS.kafkaController, PORTS.opensearch, PORTS.opensearchTransport, PORTS.mysql);
  return [
    {
      name: 'datahub-prerequisites-ingress',
      pods: PREREQUISITE_PODS,
      ingress: [
        { from: [peer(APP_POD_LABEL)], ports: tcpPorts(PORTS.mysql, PORTS.kafka, PORTS.opensearch) },
        // Kafka controllers form their quorum, OpenSearch nodes their cluster.
        { from: [peer(PREREQUISITE_PODS)], ports: internal },
      ],
      egress: [{ to: [peer(PREREQUISITE_PODS)], ports: internal }],
    },
  ];
}

/** Flows of the datahub release and our ingestion jobs. */
export function datahubFlows(env: Environment): Flow[] {
  const gmsIngress: NetworkPolicyIngressRule[] = [
    { from: [peer(APP_POD_LABEL), peer(INGESTION_PODS)], ports: tcpPorts(PORTS.gms) },
    { from: [peer(GMS_PODS)], ports: tcpPorts(PORTS.hazelcast) },
  ];
  if (env.features.monitoring) {
    gmsIngress.push({ from: [namespacePeer(MONITORING_NAMESPACE, PROMETHEUS_POD_LABELS)], ports: tcpPorts(PORTS.gmsJmxMetrics, PORTS.gmsActuatorMetrics) });
  }
  // Airflow's DataHub plugin emits lineage to GMS.
  gmsIngress.push({ from: [namespacePeer(AIRFLOW_NAMESPACE)], ports: tcpPorts(PORTS.gms) });
  return [
    {
      name: 'datahub-app-egress',
      pods: APP_POD_LABEL,
      egress: [
        { to: [peer(PREREQUISITE_PODS)], ports: tcpPorts(PORTS.mysql, PORTS.kafka, PORTS.opensearch) },
        { to: [peer(GMS_PODS)], ports: tcpPorts(PORTS.gms, PORTS.hazelcast) },
      ],
    },
    { name: 'datahub-gms-ingress', pods: GMS_PODS, ingress: gmsIngress },
    {
      name: 'datahub-ingestion-egress',
      pods: INGESTION_PODS,
      egress: [
        { to: [peer(GMS_PODS)], ports: tcpPorts(PORTS.gms) },
        { to: [namespacePeer(OBJECT_STORE_NAMESPACE)], ports: tcpPorts(OBJECT_STORE_PORT) },
        { to: [namespacePeer(ICEBERG_CATALOG_NAMESPACE)], ports: tcpPorts(ICEBERG_CATALOG_PORT) },
        { to: [namespacePeer(VAULT_NAMESPACE)], ports: tcpPorts(VAULT_PORT) },
      ],
    },
  ];
}

export function renderFlows(scope: Construct, flows: readonly Flow[]): void {
  for (const flow of flows) {
    const types = [...(flow.ingress ? ['Ingress'] : []), ...(flow.egress ? ['Egress'] : [])];
    new KubeNetworkPolicy(scope, flow.name, {
      metadata: { name: flow.name, namespace: DATAHUB_NAMESPACE, labels: { [LABEL.name]: 'datahub', [LABEL.component]: 'network-policy' } },
      spec: { podSelector: { matchLabels: flow.pods }, policyTypes: types, ...(flow.ingress ? { ingress: flow.ingress } : {}), ...(flow.egress ? { egress: flow.egress } : {}) },
    });
  }
}
