// CV-KEYS-001: every key path of a chart's values is one the chart knows. A key the chart never reads
// (a typo, a key renamed upstream, a key of another chart version) changes nothing, silently: the
// setting it was meant to make is simply missing from the cluster.
import type { ChartValues, ChartValuesRule, Finding } from '../../types';
import { suppliedChartKeys, type KeyNode } from '../../chart-keys';

/** A Kubernetes API type by its top-level fields (what a pass-through map of that type may hold). */
export interface KubernetesType {
  readonly name: string;
  readonly fields: readonly string[];
}

/** A map whose keys the chart passes on without reading them one by one. */
export interface PassThroughMap {
  /** Chart name, or '*' for every chart. */
  readonly chart: string;
  /**
   * Dotted key path; a segment may be `*` (one key) or contain `*` (`*Annotations`), and `**` stands
   * for any number of keys. The map itself must be a key the chart knows.
   */
  readonly path: string;
  readonly reason: string;
  /**
   * When the map is a Kubernetes type: each key directly below must be one of its fields (nothing
   * below a field is checked) or a key of the chart. Where the chart lists keys that are not the
   * type's fields (Vault's securityContext: {pod, container}), the map is the chart's own structure
   * and is checked as usual. Without a type, nothing below the map is checked.
   */
  readonly type?: KubernetesType;
}

/** A key a chart's templates read although its values.yaml and schema leave it out. */
export interface TemplateKey {
  readonly chart: string;
  /** Exact dotted key path (subchart keys under the dependency's alias). */
  readonly path: string;
  /** Which template reads it, and for what. */
  readonly reason: string;
}

export interface ValuesKeysParams {
  /** A chart's keys; default: read from the chart as supplied under the cache (policies/chart-keys.ts). */
  readonly keysOf: (chart: string, version: string) => KeyNode;
  readonly passThrough: readonly PassThroughMap[];
  readonly templateKeys: readonly TemplateKey[];
}

const KUBERNETES_TYPE = 'a Kubernetes API type the chart copies into its objects whole (toYaml); the API server validates below its fields';
const FREE_MAP = 'a free map of names to strings the chart copies into the objects whole';

// Top-level fields of the Kubernetes API types charts take whole (core/v1, apps/v1, monitoring.coreos.com/v1).
const RESOURCE_REQUIREMENTS: KubernetesType = { name: 'ResourceRequirements', fields: ['claims', 'limits', 'requests'] };
const SECURITY_CONTEXT: KubernetesType = {
  name: 'SecurityContext',
  fields: ['allowPrivilegeEscalation', 'appArmorProfile', 'capabilities', 'privileged', 'procMount', 'readOnlyRootFilesystem', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile', 'windowsOptions'],
};
const POD_SECURITY_CONTEXT: KubernetesType = {
  name: 'PodSecurityContext',
  fields: ['appArmorProfile', 'fsGroup', 'fsGroupChangePolicy', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxChangePolicy', 'seLinuxOptions', 'seccompProfile', 'supplementalGroups', 'supplementalGroupsPolicy', 'sysctls', 'windowsOptions'],
};
/** Charts use `securityContext` for either. */
const EITHER_SECURITY_CONTEXT: KubernetesType = { name: 'SecurityContext or PodSecurityContext', fields: [...new Set([...SECURITY_CONTEXT.fields, ...POD_SECURITY_CONTEXT.fields])].sort() };
const AFFINITY: KubernetesType = { name: 'Affinity', fields: ['nodeAffinity', 'podAffinity', 'podAntiAffinity'] };
const PVC_TEMPLATE: KubernetesType = { name: 'PersistentVolumeClaim template', fields: ['apiVersion', 'kind', 'metadata', 'spec'] };
const PVC_RETENTION: KubernetesType = { name: 'StatefulSetPersistentVolumeClaimRetentionPolicy', fields: ['whenDeleted', 'whenScaled'] };
const PROBE: KubernetesType = {
  name: 'Probe',
  fields: ['exec', 'failureThreshold', 'grpc', 'httpGet', 'initialDelaySeconds', 'periodSeconds', 'successThreshold', 'tcpSocket', 'terminationGracePeriodSeconds', 'timeoutSeconds'],
};
const STORAGE_SPEC: KubernetesType = { name: 'StorageSpec', fields: ['disableMountSubPath', 'emptyDir', 'ephemeral', 'volumeClaimTemplate'] };

export const VALUES_KEYS_PARAMS: ValuesKeysParams = {
  keysOf: suppliedChartKeys,
  passThrough: [
    { chart: '*', path: '**.resources', reason: `core/v1 ResourceRequirements: ${KUBERNETES_TYPE}`, type: RESOURCE_REQUIREMENTS },
    { chart: '*', path: '**.securityContext', reason: `core/v1 SecurityContext or PodSecurityContext: ${KUBERNETES_TYPE}`, type: EITHER_SECURITY_CONTEXT },
    { chart: '*', path: '**.podSecurityContext', reason: `core/v1 PodSecurityContext: ${KUBERNETES_TYPE}`, type: POD_SECURITY_CONTEXT },
    { chart: '*', path: '**.containerSecurityContext', reason: `core/v1 SecurityContext: ${KUBERNETES_TYPE}`, type: SECURITY_CONTEXT },
    { chart: '*', path: '**.affinity', reason: `core/v1 Affinity: ${KUBERNETES_TYPE}`, type: AFFINITY },
    { chart: '*', path: '**.nodeSelector', reason: `node labels: ${FREE_MAP}` },
    { chart: '*', path: '**.annotations', reason: `annotations: ${FREE_MAP}` },
    { chart: '*', path: '**.*Annotations', reason: `annotations (podAnnotations, commonAnnotations, …): ${FREE_MAP}` },
    { chart: '*', path: '**.labels', reason: `labels: ${FREE_MAP}` },
    { chart: '*', path: '**.*Labels', reason: `labels (podLabels, commonLabels, …): ${FREE_MAP}` },
    { chart: '*', path: '**.volumeClaimTemplate', reason: `core/v1 PersistentVolumeClaim template: ${KUBERNETES_TYPE}`, type: PVC_TEMPLATE },
    { chart: '*', path: '**.persistentVolumeClaimRetentionPolicy', reason: `apps/v1 StatefulSetPersistentVolumeClaimRetentionPolicy: ${KUBERNETES_TYPE}`, type: PVC_RETENTION },
    { chart: 'airflow', path: 'config', reason: 'airflow.cfg sections and options, written into the airflow-config ConfigMap as they are' },
    { chart: 'argo-cd', path: 'configs.cm', reason: 'the argocd-cm ConfigMap data, written as it is' },
    { chart: 'argo-cd', path: 'configs.params', reason: 'the argocd-cmd-params-cm ConfigMap data, written as it is' },
    { chart: 'kube-prometheus-stack', path: 'alertmanager.alertmanagerSpec.storage', reason: `monitoring.coreos.com StorageSpec of the Alertmanager object: ${KUBERNETES_TYPE}`, type: STORAGE_SPEC },
    { chart: 'kube-prometheus-stack', path: 'prometheus.prometheusSpec.storageSpec', reason: `monitoring.coreos.com StorageSpec of the Prometheus object (spec.storage): ${KUBERNETES_TYPE}`, type: STORAGE_SPEC },
    {
      chart: 'datahub-prerequisites',
      path: 'kafka.controller.initContainerResources',
      reason: `kafka templates/_helpers.tpl (kafka.prepareKafkaInitContainer) copies it as the kafka-init container's resources; values.yaml lists only empty limits/requests. core/v1 ResourceRequirements: ${KUBERNETES_TYPE}`,
      type: RESOURCE_REQUIREMENTS,
    },
    {
      chart: 'datahub-prerequisites',
      path: 'opensearch.initResources',
      reason: `opensearch templates/statefulset.yaml copies it as every init container's resources (configfile, keystore, sysctl, fsgroup-volume); values.yaml has it empty. core/v1 ResourceRequirements: ${KUBERNETES_TYPE}`,
      type: RESOURCE_REQUIREMENTS,
    },
    {
      chart: 'datahub-prerequisites',
      path: 'opensearch.livenessProbe',
      reason: `opensearch templates/statefulset.yaml copies it whole as the container's livenessProbe when set (values.yaml: {}). core/v1 Probe: ${KUBERNETES_TYPE}`,
      type: PROBE,
    },
    ...['kafka.controller.customReadinessProbe', 'mysql.primary.customLivenessProbe'].map((path) => ({
      chart: 'datahub-prerequisites',
      path,
      reason: `Bitnami ${path.split('.')[0]} renders it whole (common.tplvalues.render) in place of its own probe (values.yaml: {}). core/v1 Probe: ${KUBERNETES_TYPE}`,
      type: PROBE,
    })),
    // Not typed: the chart's own `enabled` key sits beside the Kubernetes fields, which turns type checking off below.
    {
      chart: 'datahub-prerequisites',
      path: 'mysql.primary.containerSecurityContext',
      reason: `Bitnami mysql 9.4.9 renders it minus its own "enabled" key (omit | toYaml) as the container securityContext; values.yaml lists only a few core/v1 SecurityContext fields. ${KUBERNETES_TYPE}`,
    },
    {
      chart: 'datahub-prerequisites',
      path: 'mysql.primary.podSecurityContext',
      reason: `Bitnami mysql 9.4.9 renders it minus its own "enabled" key (omit | toYaml) as the pod securityContext; values.yaml lists only fsGroup of core/v1 PodSecurityContext. ${KUBERNETES_TYPE}`,
    },
    // The Grafana chart copies these probes whole (toYaml) into the grafana container and every sidecar.
    ...['grafana.livenessProbe', 'grafana.readinessProbe', 'grafana.sidecar.livenessProbe', 'grafana.sidecar.readinessProbe'].map((path) => ({
      chart: 'kube-prometheus-stack',
      path,
      reason: `core/v1 Probe: ${KUBERNETES_TYPE}`,
      type: PROBE,
    })),
    ...['grafana.sidecar.dashboards.env', 'grafana.sidecar.datasources.env'].map((path) => ({
      chart: 'kube-prometheus-stack',
      path,
      reason: `environment variables of one Grafana sidecar: ${FREE_MAP}`,
    })),
    ...['server.statefulSet', 'injector'].flatMap((at) => [
      { chart: 'vault', path: `${at}.securityContext.pod`, reason: `the Vault chart splits securityContext into pod (core/v1 PodSecurityContext) and container: ${KUBERNETES_TYPE}`, type: POD_SECURITY_CONTEXT },
      { chart: 'vault', path: `${at}.securityContext.container`, reason: `the Vault chart splits securityContext into pod and container (core/v1 SecurityContext): ${KUBERNETES_TYPE}`, type: SECURITY_CONTEXT },
    ]),
  ],
  templateKeys: [
    { chart: 'datahub', path: 'datahub-frontend.existingGmsSecret', reason: 'datahub-frontend templates/deployment.yaml reads .Values.existingGmsSecret.{name,key} for the GMS token; its values.yaml has no default' },
    { chart: 'datahub', path: 'datahub-gms.serviceMonitor.annotations', reason: 'datahub-gms templates/servicemonitor.yaml copies .Values.serviceMonitor.annotations; its values.yaml has no default' },
    {
      chart: 'datahub',
      path: 'datahubSystemUpdate.bootstrapMCPs.datahubGC.values.schedule',
      reason: "templates/datahub-upgrade/_upgrade.tpl (datahub.systemUpdate.datahubGC.dailyCronWindow) reads .values.schedule.interval instead of drawing the GC cron time at random; values.yaml has it only in a comment",
    },
    {
      chart: 'datahub',
      path: 'datahubSystemUpdate.image.pullPolicy',
      reason: 'templates/datahub-upgrade/datahub-system-update-job.yml reads it for both system-update Jobs (default IfNotPresent); values.yaml has no default',
    },
    ...['extraVolumes', 'extraVolumeMounts'].map((key) => ({
      chart: 'datahub',
      path: `datahubSystemUpdate.${key}`,
      reason: `templates/datahub-upgrade/datahub-system-update-job.yml appends .Values.datahubSystemUpdate.${key} to both system-update Jobs' pod; values.yaml has no default`,
    })),
    { chart: 'datahub', path: 'global.podLabels', reason: "every DataHub subchart's Deployment template copies .Values.global.podLabels onto its pods; no values.yaml has a default" },
    { chart: 'kube-prometheus-stack', path: 'grafana.podDisruptionBudget.minAvailable', reason: "grafana templates/poddisruptionbudget.yaml reads .Values.podDisruptionBudget.minAvailable; grafana's values.yaml has it only in a comment" },
  ],
};

export const valuesKeys: ChartValuesRule<ValuesKeysParams> = {
  id: 'CV-KEYS-001',
  title: 'Every key of a chart\'s values is one the chart reads',
  severity: 'error',
  rationale: 'Helm ignores keys a chart does not read: a typo or a key renamed upstream silently drops the setting it was meant to make.',
  remediation:
    "Move the value to the key the chart reads at the locked version (its values.yaml / values.schema.json) or delete it; a map the chart passes through whole, or a key only its templates read, is declared with a reason in the rule's params.",
  family: 10,
  scope: 'chart-values',
  charts: '*',
  params: VALUES_KEYS_PARAMS,
  check: (chart, _rendered, params) => unknownKeys(chart, params),
};

export function unknownKeys(chart: ChartValues, params: ValuesKeysParams): Finding[] {
  const keys = params.keysOf(chart.chart, chart.version);
  const applies = (decl: { chart: string }) => decl.chart === '*' || decl.chart === chart.chart;
  // A chart's own declaration wins over a generic one ('*') for the same map.
  const ownFirst = [...params.passThrough.filter(applies)].sort((a, b) => Number(a.chart === '*') - Number(b.chart === '*'));
  const passThrough = ownFirst.map((p) => ({ pattern: p.path.split('.'), type: p.type }));
  const templateKeys = new Set(params.templateKeys.filter(applies).map((k) => k.path));
  const findings: Finding[] = [];
  const report = (message: string) => findings.push({ message, document: chart.application });
  // `typed`: the values are a pass-through map of a Kubernetes type; its fields are not looked into.
  const walk = (values: Record<string, unknown>, node: KeyNode, path: string[], typed?: KubernetesType) => {
    for (const [key, value] of Object.entries(values)) {
      const at = [...path, key];
      const shown = at.join('.');
      if (templateKeys.has(shown) || typed?.fields.includes(key)) continue;
      const child = node.child(key);
      if (!child) {
        // A map of a Kubernetes type holds its fields, whatever a loose chart schema (`type: object`) admits.
        if (!node.open || typed) report(`${shown} is not a key of the chart's values.yaml or values.schema.json${typed ? ` nor a field of ${typed.name}` : ''}`);
        continue;
      }
      if (child.deprecated !== undefined) {
        report(`${shown} is deprecated by the chart: ${JSON.stringify(child.deprecated)}`);
        continue;
      }
      const pass = passThrough.find((p) => pathMatches(p.pattern, at));
      if (pass && !pass.type) continue;
      // A chart that lists keys here which are not the type's fields structures the map itself
      // (Vault's securityContext: {pod, container}): then its own keys are checked as usual.
      const type = pass?.type && child.keys().every((k) => pass.type!.fields.includes(k)) ? pass.type : undefined;
      if (isMapping(value) && (type || child.mapping)) walk(value, child, at, type);
    }
  };
  walk(chart.values, keys, []);
  return findings;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether the key path matches a pattern (segments; `**` any number of keys; `*` inside a segment any text). */
export function pathMatches(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length === 0) return path.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') return path.some((_, i) => pathMatches(rest, path.slice(i))) || pathMatches(rest, []);
  if (path.length === 0) return false;
  return segmentMatches(head!, path[0]!) && pathMatches(rest, path.slice(1));
}

function segmentMatches(pattern: string, key: string): boolean {
  if (!pattern.includes('*')) return pattern === key;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(key);
}
