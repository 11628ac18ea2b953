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
import { KPS_RELEASE, MONITORING_NAMESPACE } from './constants';
import { COREDNS_METRICS_PORT, COREDNS_NAMESPACE, COREDNS_POD_LABELS } from './scrape-monitors';
import { VSO_METRICS_PORT, VSO_NAMESPACE, VSO_POD_LABELS } from '../vault-secrets-operator/network-policies';
import { DATAHUB_NAMESPACE, GMS_PODS, PORTS as DATAHUB_PORTS } from '../datahub/constants';
import { AIRFLOW_NAMESPACE } from '../airflow/constants';
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
    ...(env.features.pgbouncer ? [{ name: 'airflow-pgbouncer', namespace: AIRFLOW_NAMESPACE, pods: POOLER_LABELS, ports: [POOLER_METRICS_PORT] }] : []),
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
