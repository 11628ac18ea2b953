// Exactly the flows Airflow needs in its default-deny namespace: its components talk to each other
// (task pods -> API server :8080, log servers, statsd), all reach Vault, the object store, the
// metadata DB (in its own namespace, METADATA_DB_NAMESPACE), the Kubernetes API and the Git remote
// (git-sync, 443); Prometheus scrapes statsd and PgBouncer.
import type { Construct } from 'constructs';
import { IntOrString, KubeNetworkPolicy, type NetworkPolicyEgressRule, type NetworkPolicyIngressRule } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_NAMESPACE, OBJECT_STORE_PORT } from '../shared/endpoints';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { AIRFLOW_NAMESPACE, AIRFLOW_TIER, METADATA_DB_CLUSTER, METADATA_DB_NAMESPACE, PORTS, componentPods } from './constants';
import { POOLER_LABELS, POOLER_METRICS_PORT } from './pooler';

export const VAULT_PORT = 8200;
export const DATAHUB_NAMESPACE = 'datahub';
export const DATAHUB_GMS_PORT = 8080;
/** API server and Git remote addresses are outside the pod network; only ports are pinned. */
const ANYWHERE = { ipBlock: { cidr: '0.0.0.0/0' } };
export const KUBE_API_PORTS = [443, 6443];
export const HTTPS_PORT = 443;

const airflowPods = { podSelector: { matchLabels: AIRFLOW_TIER } };
const DB_LABELS = { 'cnpg.io/cluster': METADATA_DB_CLUSTER };
/** Seen from the DB's namespace. */
const dbPods = [{ podSelector: { matchLabels: DB_LABELS } }, { podSelector: { matchLabels: POOLER_LABELS } }];
/** Seen from Airflow's namespace, and Airflow's pods seen from the DB's. */
const remoteDbPods = [namespacePeer(METADATA_DB_NAMESPACE, DB_LABELS), namespacePeer(METADATA_DB_NAMESPACE, POOLER_LABELS)];
const remoteAirflowPods = namespacePeer(AIRFLOW_NAMESPACE, AIRFLOW_TIER);

interface Flow {
  readonly name: string;
  /** Where the policy lives: Airflow's namespace unless it selects the DB's pods. */
  readonly namespace?: string;
  readonly pods: Record<string, string>;
  readonly ingress?: NetworkPolicyIngressRule[];
  readonly egress?: NetworkPolicyEgressRule[];
}

export function airflowFlows(env: Environment): Flow[] {
  const internalPorts = [
    ...tcpPorts(PORTS.apiServer, PORTS.workerLogs, PORTS.triggererLogs),
    { protocol: 'UDP', port: IntOrString.fromNumber(PORTS.statsdIngest) },
  ];
  const flows: Flow[] = [
    { name: 'airflow-internal', pods: AIRFLOW_TIER, ingress: [{ from: [airflowPods], ports: internalPorts }], egress: [{ to: [airflowPods], ports: internalPorts }] },
    { name: 'airflow-vault-egress', pods: AIRFLOW_TIER, egress: [{ to: [namespacePeer(VAULT_NAMESPACE)], ports: tcpPorts(VAULT_PORT) }] },
    { name: 'airflow-object-store-egress', pods: AIRFLOW_TIER, egress: [{ to: [namespacePeer(OBJECT_STORE_NAMESPACE)], ports: tcpPorts(OBJECT_STORE_PORT) }] },
    // Kubernetes API (pod launching, SparkApplications) and the Git remote for git-sync (HTTPS).
    { name: 'airflow-kube-api-and-git-egress', pods: AIRFLOW_TIER, egress: [{ to: [ANYWHERE], ports: tcpPorts(...KUBE_API_PORTS) }] },
    { name: 'airflow-metadata-db-egress', pods: AIRFLOW_TIER, egress: [{ to: remoteDbPods, ports: tcpPorts(PORTS.postgres) }] },
    {
      name: 'airflow-metadata-db-ingress',
      namespace: METADATA_DB_NAMESPACE,
      pods: DB_LABELS,
      ingress: [{ from: [remoteAirflowPods, dbPods[1]!], ports: tcpPorts(PORTS.postgres) }],
    },
    {
      name: 'airflow-statsd-scrape-ingress',
      pods: componentPods('statsd'),
      ingress: [{ from: [namespacePeer('monitoring', { 'app.kubernetes.io/name': 'prometheus' })], ports: tcpPorts(PORTS.statsdScrape) }],
    },
  ];
  if (env.features.pgbouncer) {
    flows.push(
      { name: 'airflow-pgbouncer-ingress', namespace: METADATA_DB_NAMESPACE, pods: POOLER_LABELS, ingress: [{ from: [remoteAirflowPods], ports: tcpPorts(PORTS.postgres) }] },
      {
        name: 'airflow-pgbouncer-egress',
        namespace: METADATA_DB_NAMESPACE,
        pods: POOLER_LABELS,
        egress: [
          { to: [dbPods[0]!], ports: tcpPorts(PORTS.postgres) },
          { to: [ANYWHERE], ports: tcpPorts(...KUBE_API_PORTS) },
        ],
      },
    );
    if (env.features.monitoring) {
      // The Pooler's PodMonitor: Prometheus scrapes the PgBouncer exporter.
      flows.push({
        name: 'airflow-pgbouncer-scrape-ingress',
        namespace: METADATA_DB_NAMESPACE,
        pods: POOLER_LABELS,
        ingress: [{ from: [namespacePeer('monitoring', { 'app.kubernetes.io/name': 'prometheus' })], ports: tcpPorts(POOLER_METRICS_PORT) }],
      });
    }
  }
  if (env.features.datahub) {
    flows.push({ name: 'airflow-datahub-egress', pods: AIRFLOW_TIER, egress: [{ to: [namespacePeer(DATAHUB_NAMESPACE)], ports: tcpPorts(DATAHUB_GMS_PORT) }] });
  }
  return flows;
}

export function renderAirflowNetworkPolicies(scope: Construct, env: Environment): void {
  for (const flow of airflowFlows(env)) {
    const types = [...(flow.ingress ? ['Ingress'] : []), ...(flow.egress ? ['Egress'] : [])];
    new KubeNetworkPolicy(scope, flow.name, {
      metadata: { name: flow.name, namespace: flow.namespace ?? AIRFLOW_NAMESPACE, labels: { [LABEL.name]: 'airflow', [LABEL.component]: 'network-policy' } },
      spec: { podSelector: { matchLabels: flow.pods }, policyTypes: types, ingress: flow.ingress, egress: flow.egress },
    });
  }
}
