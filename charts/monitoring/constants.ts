// Names shared by the monitoring component's files.

export const MONITORING_NAMESPACE = 'monitoring';
export const KPS_RELEASE = 'kube-prometheus-stack';

/** Our custom resources sync in the same Application that installs their CRDs. */
export const SKIP_DRY_RUN = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' };

export const DASHBOARD_LABEL = 'grafana_dashboard';
export const DASHBOARD_FOLDER_ANNOTATION = 'grafana_folder';
