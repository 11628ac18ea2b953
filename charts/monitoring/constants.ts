// Names shared by the monitoring component's files.

export const MONITORING_NAMESPACE = 'monitoring';
export const KPS_RELEASE = 'kube-prometheus-stack';
/**
 * node-exporter's own namespace, the one that enforces Pod Security `privileged` (it needs the
 * host's network, PID namespace and /proc, /sys, /): monitoring itself enforces restricted.
 * docs/decisions/0038-node-exporter-in-its-own-privileged-namespace.md
 */
export const NODE_EXPORTER_NAMESPACE = 'node-exporter';

/** Pod labels of the chart's workloads (selector labels of kube-prometheus-stack 88.5.3 and its subcharts). */
export const GRAFANA_POD_LABELS = { 'app.kubernetes.io/name': 'grafana', 'app.kubernetes.io/instance': KPS_RELEASE };
export const KUBE_STATE_METRICS_POD_LABELS = { 'app.kubernetes.io/name': 'kube-state-metrics', 'app.kubernetes.io/instance': KPS_RELEASE };
export const NODE_EXPORTER_POD_LABELS = { 'app.kubernetes.io/name': 'prometheus-node-exporter', 'app.kubernetes.io/instance': KPS_RELEASE };
/** The certificate Jobs of the operator's admission webhook (label `app`). */
export const ADMISSION_JOBS = [`${KPS_RELEASE}-admission-create`, `${KPS_RELEASE}-admission-patch`];
export const GRAFANA_STATEFULSET = `${KPS_RELEASE}-grafana`;
export const GRAFANA_PORT = 3000;
export const KUBE_STATE_METRICS_PORTS = [8080, 8081];
export const NODE_EXPORTER_PORT = 9100;
export const PROMETHEUS_PORT = 9090;
export const ALERTMANAGER_PORT = 9093;

/** Our custom resources sync in the same Application that installs their CRDs. */
export const SKIP_DRY_RUN = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' };

export const DASHBOARD_LABEL = 'grafana_dashboard';
export const DASHBOARD_FOLDER_ANNOTATION = 'grafana_folder';
