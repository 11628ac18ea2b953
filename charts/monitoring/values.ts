// Values for kube-prometheus-stack: selectors open to every namespace's monitors and rules,
// retention/storage/replicas/resources from the environment file, Grafana dashboards from
// labelled ConfigMaps, and no chart-generated secret (the Grafana admin comes from Vault via VSO).
import type { Environment } from '../../environments/types';
import { protectedAnnotations, RETAIN_VOLUMES } from '../shared/protection';
import { ALERT_RECEIVERS_SECRET, alertmanagerConfig } from './alertmanager-config';
import { valuesResources } from '../shared/resources';
import { DASHBOARD_FOLDER_ANNOTATION, DASHBOARD_LABEL, MONITORING_NAMESPACE } from './constants';

export const GRAFANA_ADMIN_SECRET = 'grafana-admin';
export const GRAFANA_ADMIN_USER_KEY = 'admin-user';
export const GRAFANA_ADMIN_PASSWORD_KEY = 'admin-password';

/** kube-prometheus-stack's exporters of control-plane components, each a Service in kube-system. */
export const CONTROL_PLANE_EXPORTERS = ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy', 'coreDns', 'kubeDns'] as const;

const pdb = (replicas: number | undefined) => ({ enabled: (replicas ?? 1) > 1, minAvailable: 1 });

function volumeClaim(size: string) {
  return { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } } } };
}

export function kubePrometheusStackValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.monitoring;
  const sidecar = valuesResources(sizing.sidecar);
  return {
    crds: { enabled: true },
    defaultRules: { create: true },
    prometheusOperator: {
      resources: valuesResources(sizing.operator),
      prometheusConfigReloader: { resources: sidecar },
      admissionWebhooks: { patch: { resources: sidecar } },
    },
    prometheus: {
      // The Prometheus resource owns the operator's StatefulSet and its volumes: kept on prune and deletion.
      annotations: protectedAnnotations(),
      podDisruptionBudget: pdb(sizing.prometheus.replicas),
      prometheusSpec: {
        replicas: sizing.prometheus.replicas,
        resources: valuesResources(sizing.prometheus),
        retention: env.monitoring.retention,
        storageSpec: volumeClaim(env.storage.prometheus),
        persistentVolumeClaimRetentionPolicy: RETAIN_VOLUMES,
        externalLabels: { environment: env.name },
        podAntiAffinity: 'soft',
        // Select every ServiceMonitor/PodMonitor/PrometheusRule in every namespace, not only the
        // ones labelled with this Helm release.
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
        serviceMonitorSelector: {},
        serviceMonitorNamespaceSelector: {},
        podMonitorSelector: {},
        podMonitorNamespaceSelector: {},
        ruleSelector: {},
        ruleNamespaceSelector: {},
      },
    },
    alertmanager: {
      annotations: protectedAnnotations(),
      podDisruptionBudget: pdb(sizing.alertmanager.replicas),
      // Receivers and routes from the environment file; credentials as files of the synced Secret.
      config: alertmanagerConfig(env),
      alertmanagerSpec: {
        secrets: [ALERT_RECEIVERS_SECRET],
        replicas: sizing.alertmanager.replicas,
        resources: valuesResources(sizing.alertmanager),
        storage: volumeClaim(env.storage.alertmanager),
        persistentVolumeClaimRetentionPolicy: RETAIN_VOLUMES,
        podAntiAffinity: 'soft',
      },
    },
    grafana: {
      replicas: sizing.grafana.replicas,
      resources: valuesResources(sizing.grafana),
      ...((sizing.grafana.replicas ?? 1) > 1 ? { podDisruptionBudget: { minAvailable: 1 } } : {}),
      admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: GRAFANA_ADMIN_USER_KEY, passwordKey: GRAFANA_ADMIN_PASSWORD_KEY },
      // One volume per replica: every dashboard is provisioned from Git, so replicas hold no unique state.
      persistence: { enabled: true, type: 'statefulset', size: env.storage.grafana },
      initChownData: { enabled: false },
      testFramework: { enabled: false },
      defaultDashboardsEnabled: true,
      sidecar: {
        resources: sidecar,
        dashboards: {
          enabled: true,
          label: DASHBOARD_LABEL,
          labelValue: '1',
          searchNamespace: MONITORING_NAMESPACE,
          folderAnnotation: DASHBOARD_FOLDER_ANNOTATION,
          provider: { foldersFromFilesStructure: true },
        },
        datasources: { enabled: true },
      },
    },
    // A managed control plane exposes no scheduler, controller-manager, etcd or kube-proxy metrics,
    // and each of these (and CoreDNS) would put a Service into kube-system, which the observability
    // AppProject does not allow: all off. CoreDNS is scraped by our own PodMonitor instead
    // (scrape-monitors.ts); the kubelet Service is created by the operator at run time, not synced.
    // docs/decisions/0033-control-plane-scrapes.md
    ...Object.fromEntries(CONTROL_PLANE_EXPORTERS.map((key) => [key, { enabled: false }])),
    'kube-state-metrics': {
      replicas: sizing.kubeStateMetrics.replicas,
      resources: valuesResources(sizing.kubeStateMetrics),
    },
    'prometheus-node-exporter': {
      resources: valuesResources(sizing.nodeExporter),
    },
  };
}
