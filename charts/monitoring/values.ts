// Values for kube-prometheus-stack: selectors open to every namespace's monitors and rules,
// retention/storage/replicas/resources from the environment file, Grafana dashboards from
// labelled ConfigMaps, and no chart-generated secret (the Grafana admin comes from Vault via VSO).
import type { Environment } from '../../environments/types';
import { protectedAnnotations, RETAIN_VOLUMES } from '../shared/protection';
import { ALERT_RECEIVERS_SECRET, alertmanagerConfig } from './alertmanager-config';
import { valuesResources, valuesResourcesWithScratch } from '../shared/resources';
import {
  DASHBOARD_FOLDER_ANNOTATION,
  DASHBOARD_LABEL,
  GRAFANA_POD_LABELS,
  MONITORING_NAMESPACE,
  NODE_EXPORTER_NAMESPACE,
} from './constants';

export const GRAFANA_ADMIN_SECRET = 'grafana-admin';
export const GRAFANA_ADMIN_USER_KEY = 'admin-user';
export const GRAFANA_ADMIN_PASSWORD_KEY = 'admin-password';

/** kube-prometheus-stack's exporters of control-plane components, each a Service in kube-system. */
export const CONTROL_PLANE_EXPORTERS = ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy', 'coreDns', 'kubeDns'] as const;

/** Always: the pinned tag re-checked with the registry on every start, as our own workloads do. */
const PULL_ALWAYS = 'Always';

/** Grafana's uid/gid: above 10000 so it maps to no host account (the image runs as any uid). */
export const GRAFANA_UID = 10472;
/** The distroless nonroot user of kube-webhook-certgen, above 10000 (the chart's default is 2000). */
export const CERTGEN_UID = 65532;

/**
 * k8s-sidecar (2.x) serves /healthz on the port in its HEALTH_PORT variable (default 8080). The
 * Grafana chart sets that variable only on its init-container variants, so the dashboards and
 * datasources sidecars, sharing the pod's network, would both claim 8080: each gets its own port
 * (the chart's numbers for them), and since the chart takes one probe for every sidecar, an exec of
 * the image's Python reads the container's own port. Ready after the first sync; alive while it
 * reaches the Kubernetes API and its watchers run (both judged by the one endpoint).
 */
export const SIDECAR_HEALTH_PORTS = { dashboards: '8084', datasources: '8082' } as const;
const SIDECAR_HEALTH = ['python3', '-c', "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ['HEALTH_PORT'], timeout=5)"];
export const SIDECAR_PROBES = {
  readinessProbe: { exec: { command: SIDECAR_HEALTH }, periodSeconds: 10, timeoutSeconds: 6 },
  livenessProbe: { exec: { command: SIDECAR_HEALTH }, initialDelaySeconds: 30, periodSeconds: 30, timeoutSeconds: 6, failureThreshold: 4 },
};

/** One Grafana per node when it has replicas (soft: a small cluster still schedules them all). */
function grafanaAffinity(replicas: number): Record<string, unknown> {
  if (replicas <= 1) return {};
  return {
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { labelSelector: { matchLabels: GRAFANA_POD_LABELS }, topologyKey: 'kubernetes.io/hostname' } },
        ],
      },
    },
  };
}

const pdb = (replicas: number | undefined) => ({ enabled: (replicas ?? 1) > 1, minAvailable: 1 });

function volumeClaim(size: string) {
  return { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } } } } };
}

export function kubePrometheusStackValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.monitoring;
  const sidecar = valuesResourcesWithScratch(sizing.sidecar);
  const grafanaReplicas = sizing.grafana.replicas ?? 1;
  return {
    crds: { enabled: true },
    defaultRules: { create: true },
    prometheusOperator: {
      image: { pullPolicy: PULL_ALWAYS },
      resources: valuesResourcesWithScratch(sizing.operator),
      // Passed to the operator as flags for the reloaders it adds to Prometheus and Alertmanager.
      prometheusConfigReloader: { resources: valuesResources(sizing.sidecar) },
      admissionWebhooks: {
        patch: {
          image: { pullPolicy: PULL_ALWAYS },
          resources: sidecar,
          securityContext: { runAsNonRoot: true, runAsUser: CERTGEN_UID, runAsGroup: CERTGEN_UID, seccompProfile: { type: 'RuntimeDefault' } },
        },
      },
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
      image: { pullPolicy: PULL_ALWAYS },
      resources: valuesResourcesWithScratch(sizing.grafana),
      securityContext: { runAsNonRoot: true, runAsUser: GRAFANA_UID, runAsGroup: GRAFANA_UID, fsGroup: GRAFANA_UID },
      // The chart's defaults plus a read-only root: Grafana writes to its volume, /tmp and its log folder.
      containerSecurityContext: {
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
      extraEmptyDirMounts: [
        { name: 'tmp', mountPath: '/tmp' },
        { name: 'logs', mountPath: '/var/log/grafana' },
      ],
      // Ready when /api/health answers (database reachable); alive while it accepts connections, so
      // a database hiccup takes a replica out of the Service without restarting it.
      readinessProbe: { httpGet: { path: '/api/health', port: 'grafana' }, periodSeconds: 10 },
      // (httpGet: null removes the chart's default handler, which Helm would otherwise merge in.)
      livenessProbe: { httpGet: null, tcpSocket: { port: 'grafana' }, initialDelaySeconds: 60, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 },
      ...grafanaAffinity(grafanaReplicas),
      ...(grafanaReplicas > 1 ? { podDisruptionBudget: { minAvailable: 1 } } : {}),
      admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: GRAFANA_ADMIN_USER_KEY, passwordKey: GRAFANA_ADMIN_PASSWORD_KEY },
      // One volume per replica: every dashboard is provisioned from Git, so replicas hold no unique state.
      persistence: { enabled: true, type: 'statefulset', size: env.storage.grafana },
      initChownData: { enabled: false },
      testFramework: { enabled: false },
      defaultDashboardsEnabled: true,
      sidecar: {
        imagePullPolicy: PULL_ALWAYS,
        resources: sidecar,
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
        ...SIDECAR_PROBES,
        dashboards: {
          enabled: true,
          label: DASHBOARD_LABEL,
          labelValue: '1',
          searchNamespace: MONITORING_NAMESPACE,
          folderAnnotation: DASHBOARD_FOLDER_ANNOTATION,
          provider: { foldersFromFilesStructure: true },
          env: { HEALTH_PORT: SIDECAR_HEALTH_PORTS.dashboards },
        },
        datasources: { enabled: true, env: { HEALTH_PORT: SIDECAR_HEALTH_PORTS.datasources } },
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
      image: { pullPolicy: PULL_ALWAYS },
      resources: valuesResourcesWithScratch(sizing.kubeStateMetrics),
    },
    'prometheus-node-exporter': {
      // Its own namespace, enforcing privileged for the host access it needs; monitoring enforces
      // restricted (docs/decisions/0038-node-exporter-in-its-own-privileged-namespace.md).
      namespaceOverride: NODE_EXPORTER_NAMESPACE,
      image: { pullPolicy: PULL_ALWAYS },
      resources: valuesResourcesWithScratch(sizing.nodeExporter),
      // What the host access leaves possible: no privilege escalation, no capabilities, the runtime's
      // seccomp profile, a read-only root (the chart's default securityContext keeps uid 65534).
      containerSecurityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    },
  };
}
