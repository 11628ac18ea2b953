// NetworkPolicies of the monitoring namespace on top of its default-deny: the stack talks to itself,
// to the Kubernetes API (operator, kube-state-metrics, Grafana sidecars, service discovery), the API
// server reaches the operator's admission webhook, and Prometheus scrapes every namespace on the
// metrics ports the platform uses plus the host-network node targets.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy, type NetworkPolicyEgressRule, type NetworkPolicyIngressRule } from 'cdk8s-plus-28/lib/imports/k8s';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import type { Environment } from '../../environments/types';
import { smtpPorts } from './alertmanager-config';
import {
  ADMISSION_JOBS,
  ALERTMANAGER_PORT,
  GRAFANA_POD_LABELS,
  GRAFANA_PORT,
  KPS_RELEASE,
  KUBE_STATE_METRICS_POD_LABELS,
  KUBE_STATE_METRICS_PORTS,
  MONITORING_NAMESPACE,
  NODE_EXPORTER_NAMESPACE,
  NODE_EXPORTER_POD_LABELS,
  NODE_EXPORTER_PORT,
  PROMETHEUS_PORT,
} from './constants';
import { COREDNS_METRICS_PORT, COREDNS_NAMESPACE, COREDNS_POD_LABELS } from './scrape-monitors';
import { VSO_METRICS_PORT, VSO_NAMESPACE, VSO_POD_LABELS } from '../vault-secrets-operator/network-policies';
import { DATAHUB_NAMESPACE, GMS_PODS, PORTS as DATAHUB_PORTS } from '../datahub/constants';
import { METADATA_DB_NAMESPACE } from '../airflow/constants';
import { POOLER_LABELS, POOLER_METRICS_PORT } from '../airflow/pooler';

/** The API server's address is outside any pod network; only its ports are pinned. */
const ANYWHERE = { ipBlock: { cidr: '0.0.0.0/0' } };
export const KUBE_API_PORTS = [443, 6443];

/** Metrics ports of the platform's targets (statsd 9102, Vault 8200, MinIO 9000, Polaris 8182,
 * operators 8080, Argo CD 8082-8084, CNPG 9187, DataHub 4318, notifications 9001, Grafana 3000). */
export const SCRAPE_PORTS = [3000, 4318, 8080, 8082, 8083, 8084, 8182, 8200, 9000, 9001, 9102, 9187];
/** Host-network targets: kubelet/cAdvisor and node-exporter. */
export const NODE_SCRAPE_PORTS = [9100, 10250];
export const OPERATOR_WEBHOOK_PORT = 10250;

export const PROMETHEUS_POD_LABELS = { 'app.kubernetes.io/name': 'prometheus' };

/** A scrape target Prometheus may reach: exactly these pods of that namespace, on these ports. */
export interface ScrapeTarget {
  readonly name: string;
  readonly namespace: string;
  readonly pods: Record<string, string>;
  readonly ports: readonly number[];
}

/**
 * Targets allowed one by one (namespace, pods and ports), for the scrapes whose ports are not in
 * SCRAPE_PORTS: CoreDNS, VSO's kube-rbac-proxy, DataHub GMS's actuator, the PgBouncer exporter.
 */
export function scrapeTargets(env: Environment): ScrapeTarget[] {
  return [
    { name: 'coredns', namespace: COREDNS_NAMESPACE, pods: COREDNS_POD_LABELS, ports: [COREDNS_METRICS_PORT.number] },
    { name: 'vault-secrets-operator', namespace: VSO_NAMESPACE, pods: VSO_POD_LABELS, ports: [VSO_METRICS_PORT] },
    ...(env.features.datahub ? [{ name: 'datahub-gms', namespace: DATAHUB_NAMESPACE, pods: GMS_PODS, ports: [DATAHUB_PORTS.gmsActuatorMetrics] }] : []),
    ...(env.features.pgbouncer ? [{ name: 'airflow-pgbouncer', namespace: METADATA_DB_NAMESPACE, pods: POOLER_LABELS, ports: [POOLER_METRICS_PORT] }] : []),
  ];
}
export const OPERATOR_POD_LABELS = { app: `${KPS_RELEASE}-operator` };

export const ALERTMANAGER_POD_LABELS = { 'app.kubernetes.io/name': 'alertmanager' };

export function renderMonitoringNetworkPolicies(scope: Construct, env: Environment): void {
  const sameNamespace = { podSelector: {} };
  policy(scope, 'monitoring-internal', {}, ['Ingress', 'Egress'], [{ from: [sameNamespace] }], [{ to: [sameNamespace] }]);
  policy(scope, 'kube-apiserver-egress', {}, ['Egress'], undefined, [{ to: [ANYWHERE], ports: tcpPorts(...KUBE_API_PORTS) }]);
  policy(scope, 'operator-webhook-ingress', OPERATOR_POD_LABELS, ['Ingress'], [{ from: [ANYWHERE], ports: tcpPorts(OPERATOR_WEBHOOK_PORT) }]);
  policy(scope, 'prometheus-scrape-egress', PROMETHEUS_POD_LABELS, ['Egress'], undefined, [
    { to: [{ namespaceSelector: {} }], ports: tcpPorts(...SCRAPE_PORTS) },
    { to: [ANYWHERE], ports: tcpPorts(...NODE_SCRAPE_PORTS) },
    ...scrapeTargets(env).map((t) => ({ to: [namespacePeer(t.namespace, t.pods)], ports: tcpPorts(...t.ports) })),
  ]);
  // Each chart workload's own flows (the namespace-wide rules above stay for the operator-made pods).
  const prometheus = { podSelector: { matchLabels: PROMETHEUS_POD_LABELS } };
  const alertmanager = { podSelector: { matchLabels: ALERTMANAGER_POD_LABELS } };
  // Grafana: scraped by Prometheus; queries Prometheus and Alertmanager; its sidecars watch the API.
  policy(scope, 'grafana', GRAFANA_POD_LABELS, ['Ingress', 'Egress'], [{ from: [prometheus], ports: tcpPorts(GRAFANA_PORT) }], [
    { to: [prometheus], ports: tcpPorts(PROMETHEUS_PORT) },
    { to: [alertmanager], ports: tcpPorts(ALERTMANAGER_PORT) },
    { to: [ANYWHERE], ports: tcpPorts(...KUBE_API_PORTS) },
  ]);
  // kube-state-metrics: scraped by Prometheus (metrics and its own telemetry); lists objects from the API.
  policy(scope, 'kube-state-metrics', KUBE_STATE_METRICS_POD_LABELS, ['Ingress', 'Egress'], [{ from: [prometheus], ports: tcpPorts(...KUBE_STATE_METRICS_PORTS) }], [
    { to: [ANYWHERE], ports: tcpPorts(...KUBE_API_PORTS) },
  ]);
  // The webhook certificate Jobs: nobody calls them; they write a Secret and patch the webhooks.
  new KubeNetworkPolicy(scope, 'netpol-admission-jobs', {
    metadata: { name: 'admission-jobs', namespace: MONITORING_NAMESPACE, labels: { [LABEL.name]: 'monitoring', [LABEL.component]: 'network-policy' } },
    spec: {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [...ADMISSION_JOBS] }] },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [{ to: [ANYWHERE], ports: tcpPorts(...KUBE_API_PORTS) }],
    },
  });
  // node-exporter in its own namespace: only Prometheus scrapes it, it calls nothing. It runs on the
  // host network, where most CNIs do not apply pod policies; this states the intended flows anyway.
  new KubeNetworkPolicy(scope, 'netpol-node-exporter', {
    metadata: { name: 'node-exporter', namespace: NODE_EXPORTER_NAMESPACE, labels: { [LABEL.name]: 'monitoring', [LABEL.component]: 'network-policy' } },
    spec: {
      podSelector: { matchLabels: NODE_EXPORTER_POD_LABELS },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [namespacePeer(MONITORING_NAMESPACE, PROMETHEUS_POD_LABELS)], ports: tcpPorts(NODE_EXPORTER_PORT) }],
      egress: [],
    },
  });
  // Chat, pager and heartbeat receivers are HTTPS (443, allowed above); e-mail needs its SMTP port.
  const smtp = smtpPorts(env.monitoring.alerting);
  if (smtp.length > 0) {
    policy(scope, 'alertmanager-smtp-egress', ALERTMANAGER_POD_LABELS, ['Egress'], undefined, [{ to: [ANYWHERE], ports: tcpPorts(...smtp) }]);
  }
}

function policy(
  scope: Construct,
  name: string,
  podLabels: Record<string, string>,
  policyTypes: string[],
  ingress?: NetworkPolicyIngressRule[],
  egress?: NetworkPolicyEgressRule[],
): void {
  new KubeNetworkPolicy(scope, `netpol-${name}`, {
    metadata: { name, namespace: MONITORING_NAMESPACE, labels: { [LABEL.name]: 'monitoring', [LABEL.component]: 'network-policy' } },
    spec: { podSelector: Object.keys(podLabels).length ? { matchLabels: podLabels } : {}, policyTypes, ingress, egress },
  });
}
