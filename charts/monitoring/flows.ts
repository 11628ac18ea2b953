// Flows of the monitoring stack: Prometheus reaches the API server (service discovery), its own
// pods, Alertmanager and the host-network targets on the nodes; Grafana queries Prometheus and
// Alertmanager; Alertmanager replicas gossip and deliver to the receivers of the environment file;
// the operator, kube-state-metrics, Grafana's sidecars and the admission Jobs call the API server,
// which calls the operator's admission webhook. Scrapes of other components' pods are declared by
// those components (`scrapedBy`).
import type { Environment } from '../../environments/types';
import { external, fromIngress, tcp, toKubeApiServer, udp, workload, kubeApiServer, type Flow, type WorkloadEndpoint } from '../shared/flows';
import { smtpPorts } from './alertmanager-config';
import { ADMISSION_JOBS, GRAFANA_POD_LABELS, KPS_RELEASE, KUBE_STATE_METRICS_POD_LABELS, MONITORING_NAMESPACE } from './constants';
import { COREDNS_METRICS_PORT } from './scrape-monitors';
import { CLUSTER_DNS } from '../namespaces/flows';

const C = 'monitoring';
export const prometheus = () => workload(C, MONITORING_NAMESPACE, 'prometheus', { 'app.kubernetes.io/name': 'prometheus' });
export const alertmanager = () => workload(C, MONITORING_NAMESPACE, 'alertmanager', { 'app.kubernetes.io/name': 'alertmanager' });
export const grafana = () => workload(C, MONITORING_NAMESPACE, 'grafana', GRAFANA_POD_LABELS);
export const prometheusOperator = () => workload(C, MONITORING_NAMESPACE, 'prometheus-operator', { app: `${KPS_RELEASE}-operator` });
export const kubeStateMetrics = () => workload(C, MONITORING_NAMESPACE, 'kube-state-metrics', KUBE_STATE_METRICS_POD_LABELS);
export const admissionJobs = () =>
  workload(C, MONITORING_NAMESPACE, 'prometheus-admission-jobs', { matchExpressions: [{ key: 'app', operator: 'In', values: [...ADMISSION_JOBS] }] });

/** Prometheus scrapes `target` on `port` (nothing when the environment has no monitoring). */
export function scrapedBy(env: Environment, target: WorkloadEndpoint, port: number, what: string): Flow[] {
  return env.features.monitoring ? [tcp(prometheus(), target, port, `Prometheus scrapes ${what}`)] : [];
}

export const PROMETHEUS_WEB_PORT = 9090;
export const ALERTMANAGER_WEB_PORT = 9093;
export const ALERTMANAGER_MESH_PORT = 9094;
export const RELOADER_PORT = 8080;
export const GRAFANA_PORT = 3000;
export const OPERATOR_WEBHOOK_PORT = 10250;
/** Host-network targets on the nodes: kubelet/cAdvisor and node-exporter. */
export const KUBELET_PORT = 10250;
export const NODE_EXPORTER_PORT = 9100;

export function monitoringFlows(env: Environment): Flow[] {
  const nodes = external('nodes', env.network.nodes);
  const flows: Flow[] = [
    toKubeApiServer(env, prometheus(), 'Prometheus discovers its targets through the API server and scrapes it'),
    tcp(prometheus(), nodes, KUBELET_PORT, 'Prometheus scrapes kubelet and cAdvisor on every node'),
    tcp(prometheus(), nodes, NODE_EXPORTER_PORT, 'Prometheus scrapes node-exporter (host network, namespace node-exporter) on every node'),
    tcp(prometheus(), prometheus(), PROMETHEUS_WEB_PORT, 'Prometheus scrapes itself (every replica)'),
    tcp(prometheus(), prometheus(), RELOADER_PORT, "Prometheus scrapes its config reloader"),
    tcp(prometheus(), alertmanager(), ALERTMANAGER_WEB_PORT, 'Prometheus sends alerts to Alertmanager and scrapes it'),
    tcp(prometheus(), alertmanager(), RELOADER_PORT, "Prometheus scrapes Alertmanager's config reloader"),
    tcp(prometheus(), grafana(), GRAFANA_PORT, 'Prometheus scrapes Grafana'),
    tcp(prometheus(), prometheusOperator(), OPERATOR_WEBHOOK_PORT, 'Prometheus scrapes the operator (https)'),
    tcp(prometheus(), kubeStateMetrics(), 8080, 'Prometheus scrapes kube-state-metrics'),
    tcp(prometheus(), kubeStateMetrics(), 8081, "Prometheus scrapes kube-state-metrics' own telemetry"),
    tcp(prometheus(), CLUSTER_DNS, COREDNS_METRICS_PORT.number, 'Prometheus scrapes CoreDNS (our PodMonitor)'),
    tcp(alertmanager(), alertmanager(), ALERTMANAGER_MESH_PORT, 'Alertmanager replicas gossip (TCP)'),
    udp(alertmanager(), alertmanager(), ALERTMANAGER_MESH_PORT, 'Alertmanager replicas gossip (UDP)'),
    tcp(grafana(), prometheus(), PROMETHEUS_WEB_PORT, 'Grafana queries Prometheus (datasource)'),
    tcp(grafana(), alertmanager(), ALERTMANAGER_WEB_PORT, 'Grafana reads Alertmanager (datasource)'),
    toKubeApiServer(env, grafana(), "Grafana's sidecars load dashboards and datasources from ConfigMaps"),
    toKubeApiServer(env, prometheusOperator(), 'The operator reconciles Prometheus, Alertmanager and monitors'),
    tcp(kubeApiServer(env), prometheusOperator(), OPERATOR_WEBHOOK_PORT, "The API server calls the operator's admission webhook"),
    toKubeApiServer(env, kubeStateMetrics(), 'kube-state-metrics lists and watches objects'),
    toKubeApiServer(env, admissionJobs(), "The admission Jobs create and patch the webhook's certificate"),
  ];
  const receivers = env.monitoring.alerting.receivers;
  if (receivers.some((r) => r.kind !== 'email')) {
    if (!env.network.alertWebhooks) throw new Error(`${env.name}: network.alertWebhooks is required for the ${receivers.find((r) => r.kind !== 'email')!.kind} receiver`);
    flows.push(tcp(alertmanager(), external('alert-webhooks', env.network.alertWebhooks), 443, 'Alertmanager delivers to the chat, pager and heartbeat receivers (HTTPS)'));
  }
  const smtp = smtpPorts(env.monitoring.alerting);
  if (smtp.length > 0) {
    if (!env.network.smtp) throw new Error(`${env.name}: network.smtp is required for the e-mail receivers`);
    for (const port of smtp) flows.push(tcp(alertmanager(), external('smtp', env.network.smtp), port, 'Alertmanager sends e-mail through the SMTP relay'));
  }
  flows.push(...fromIngress(env, grafana(), GRAFANA_PORT, 'Grafana'));
  return flows;
}

