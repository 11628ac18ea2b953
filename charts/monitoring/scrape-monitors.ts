// Scrape configuration for Gridata's own targets that no upstream chart covers:
// Airflow's statsd-exporter (the Airflow chart ships no ServiceMonitor), and CoreDNS by a PodMonitor
// (kube-prometheus-stack's would need a Service in kube-system, outside the observability project).
// Vault, MinIO, the catalog and the Spark operator are scraped by monitors their components render;
// DataHub and Argo CD by their charts' own ServiceMonitors.
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import { LABEL } from '../shared/labels';
import { MONITORING_NAMESPACE, SKIP_DRY_RUN } from './constants';

export const AIRFLOW_NAMESPACE = 'airflow';
export const AIRFLOW_RELEASE = 'airflow';
/** Labels the Airflow chart puts on its statsd Service. */
export const AIRFLOW_STATSD_SERVICE_LABELS = { tier: 'airflow', component: 'statsd', release: AIRFLOW_RELEASE };
export const AIRFLOW_STATSD_SCRAPE_PORT = 'statsd-scrape';

/** CoreDNS pods as every distribution labels them, and their metrics port (name and number). */
export const COREDNS_NAMESPACE = 'kube-system';
export const COREDNS_POD_LABELS = { 'k8s-app': 'kube-dns' };
export const COREDNS_METRICS_PORT = { name: 'metrics', number: 9153 } as const;

export function renderScrapeMonitors(scope: Construct): void {
  const spec: IServiceMonitor['spec'] = {
    namespaceSelector: { matchNames: [AIRFLOW_NAMESPACE] },
    selector: { matchLabels: AIRFLOW_STATSD_SERVICE_LABELS },
    endpoints: [{ port: AIRFLOW_STATSD_SCRAPE_PORT, path: '/metrics', interval: '30s', scrapeTimeout: '10s' }],
    jobLabel: 'component',
  };
  new ApiObject(scope, 'airflow-statsd-monitor', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: 'airflow-statsd',
      namespace: MONITORING_NAMESPACE,
      labels: { [LABEL.name]: 'airflow', [LABEL.component]: 'statsd-monitor' },
      annotations: SKIP_DRY_RUN,
    },
    spec,
  });
}

/** cert-manager's controller metrics Service (chart labels and port name of cert-manager v1.21). */
export const CERT_MANAGER_NAMESPACE = 'cert-manager';
export const CERT_MANAGER_SERVICE_LABELS = { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/instance': 'cert-manager', 'app.kubernetes.io/component': 'controller' };
export const CERT_MANAGER_METRICS_PORT = 'tcp-prometheus-servicemonitor';

/**
 * cert-manager's controller, scraped by a ServiceMonitor of ours: its chart's would make cert-manager
 * sync after monitoring, while monitoring (Grafana's Certificate) syncs after cert-manager.
 */
export function renderCertManagerMonitor(scope: Construct): void {
  const spec: IServiceMonitor['spec'] = {
    namespaceSelector: { matchNames: [CERT_MANAGER_NAMESPACE] },
    selector: { matchLabels: CERT_MANAGER_SERVICE_LABELS },
    endpoints: [{ port: CERT_MANAGER_METRICS_PORT, path: '/metrics', interval: '60s', scrapeTimeout: '30s' }],
    jobLabel: 'app.kubernetes.io/name',
  };
  new ApiObject(scope, 'cert-manager-monitor', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: 'cert-manager',
      namespace: MONITORING_NAMESPACE,
      labels: { [LABEL.name]: 'cert-manager', [LABEL.component]: 'service-monitor' },
      annotations: SKIP_DRY_RUN,
    },
    spec,
  });
}

/**
 * CoreDNS, scraped from its pods in kube-system by a PodMonitor in our namespace: nothing is synced
 * into kube-system. Its `job` label stays `coredns`, as kube-prometheus-stack's dashboards expect.
 */
export function renderCoreDnsMonitor(scope: Construct): void {
  const spec: IPodMonitor['spec'] = {
    namespaceSelector: { matchNames: [COREDNS_NAMESPACE] },
    selector: { matchLabels: COREDNS_POD_LABELS },
    podMetricsEndpoints: [
      { port: COREDNS_METRICS_PORT.name, path: '/metrics', interval: '30s', scrapeTimeout: '10s', relabelings: [{ targetLabel: 'job', replacement: 'coredns' }] },
    ],
  };
  new ApiObject(scope, 'coredns-monitor', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: { name: 'coredns', namespace: MONITORING_NAMESPACE, labels: { [LABEL.name]: 'coredns', [LABEL.component]: 'pod-monitor' }, annotations: SKIP_DRY_RUN },
    spec,
  });
}
