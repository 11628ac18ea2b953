// The driver and executor pods a SparkApplication turns into, built from its fields as the Kubeflow
// Spark operator v2.5 does: spark-submit builds each pod (Spark's container, its local-dir and
// conf volumes, ports), then the operator's mutating webhook applies spec.driver/spec.executor
// (internal/webhook/sparkpod_defaulter.go: env, volumes, ports, hostNetwork, init and sidecar
// containers, container and pod securityContext, shareProcessNamespace, lifecycle...). With a pod
// template (Spark 3+) the operator skips the webhook and the template is the base of the pod.
// Scheduling fields (affinity, tolerations, node selectors, DNS) are not modelled: neither Pod
// Security nor a dry run judges them beyond the CRD's own schema.
import { isSparkApplication, SPARK_ROLES, type SparkRole } from './rules/pipelines/spark-applications';
import type { K8sObject } from './types';

export const SPARK_CONTAINER: Record<SparkRole, string> = { driver: 'spark-kubernetes-driver', executor: 'spark-kubernetes-executor' };
const LOCAL_DIR_PREFIX = 'spark-local-dir-';

export interface SparkPod {
  readonly role: SparkRole;
  /** Which part of the SparkApplication the pod is built from, for messages. */
  readonly from: string;
  readonly metadata: { name: string; namespace?: string; labels: Record<string, string>; annotations: Record<string, string> };
  readonly spec: any;
}

/** Semantic-version comparison of sparkVersion against "3.0.0" (the operator's CompareSemanticVersion). */
function atLeastSpark3(version: unknown): boolean {
  const major = Number(String(version ?? '').replace(/^v/, '').split('.')[0]);
  return Number.isFinite(major) && major >= 3;
}

const clone = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

export function sparkPods(app: K8sObject): SparkPod[] {
  if (!isSparkApplication(app)) return [];
  const spec = app.spec ?? {};
  return SPARK_ROLES.map((role) => sparkPod(app, spec, role));
}

function sparkPod(app: K8sObject, spec: any, role: SparkRole): SparkPod {
  const section = spec[role] ?? {};
  const name = role === 'driver' ? `${app.metadata.name}-driver` : `${app.metadata.name}-exec-1`;
  const labels: Record<string, string> = {
    ...(app.metadata.labels ?? {}),
    ...(section.labels ?? {}),
    'spark-role': role,
    'sparkoperator.k8s.io/app-name': app.metadata.name,
    'sparkoperator.k8s.io/launched-by-spark-operator': 'true',
  };
  const annotations: Record<string, string> = { ...(section.annotations ?? {}) };
  const metadata = { name, namespace: app.metadata.namespace, labels, annotations };
  const image = section.image ?? spec.image;
  const serviceAccountName = section.serviceAccount ?? (role === 'executor' ? spec.driver?.serviceAccount : undefined);

  if (section.template && atLeastSpark3(spec.sparkVersion)) {
    // A pod template replaces the webhook: Spark fills in its container (the template's first one).
    const template = clone(section.template);
    const podSpec = template.spec ?? {};
    podSpec.containers = podSpec.containers?.length ? podSpec.containers : [{ name: SPARK_CONTAINER[role] }];
    if (image) podSpec.containers[0].image = image;
    if (serviceAccountName) podSpec.serviceAccountName = serviceAccountName;
    podSpec.restartPolicy = 'Never';
    return {
      role,
      from: `spec.${role}.template`,
      metadata: { ...metadata, labels: { ...(template.metadata?.labels ?? {}), ...labels }, annotations: { ...(template.metadata?.annotations ?? {}), ...annotations } },
      spec: podSpec,
    };
  }

  labels['sparkoperator.k8s.io/mutated-by-spark-operator'] = 'true';
  // What spark-submit builds: the Spark container, a scratch dir unless the app declares its own
  // spark-local-dir-* volumes (passed to Spark as conf), the driver's conf ConfigMap.
  const volumeMounts: any[] = section.volumeMounts ?? [];
  const declared = new Map<string, any>((spec.volumes ?? []).map((v: any) => [v.name, v]));
  const localDirs = volumeMounts.filter((m) => m.name.startsWith(LOCAL_DIR_PREFIX) && declared.has(m.name));
  const container: any = { name: SPARK_CONTAINER[role], image, ports: sparkPorts(spec, role), volumeMounts: [] as any[] };
  const volumes: any[] = [];
  if (localDirs.length > 0) {
    for (const mount of localDirs) {
      volumes.push(clone(declared.get(mount.name)));
      container.volumeMounts.push(clone(mount));
    }
  } else {
    volumes.push({ name: `${LOCAL_DIR_PREFIX}1`, emptyDir: {} });
    container.volumeMounts.push({ name: `${LOCAL_DIR_PREFIX}1`, mountPath: '/var/data/spark-local-dir' });
  }
  if (role === 'driver') {
    volumes.push({ name: 'spark-conf-volume-driver', configMap: { name: `${app.metadata.name}-driver-conf-map` } });
    container.volumeMounts.push({ name: 'spark-conf-volume-driver', mountPath: '/opt/spark/conf' });
  }
  const podSpec: any = { restartPolicy: 'Never', containers: [container], volumes };
  if (serviceAccountName) podSpec.serviceAccountName = serviceAccountName;

  // The operator's webhook, in its order (addEnvVars ... addShareProcessNamespace).
  if (section.env?.length) container.env = clone(section.env);
  if (section.envFrom?.length) container.envFrom = clone(section.envFrom);
  const addConfigMap = (configMap: string, volumeName: string, mountPath: string) => {
    volumes.push({ name: volumeName, configMap: { name: configMap } });
    container.volumeMounts.push({ name: volumeName, mountPath, readOnly: true });
  };
  if (spec.hadoopConfigMap) addConfigMap(spec.hadoopConfigMap, 'hadoop-configmap-volume', '/etc/hadoop/conf');
  if (spec.sparkConfigMap) addConfigMap(spec.sparkConfigMap, 'spark-configmap-volume', '/etc/spark/conf');
  for (const { name: configMap, path } of section.configMaps ?? []) addConfigMap(configMap, `${configMap}-vol`.slice(0, 63), path);
  const added = new Set<string>();
  for (const mount of volumeMounts) {
    if (mount.name.startsWith(LOCAL_DIR_PREFIX) || !declared.has(mount.name)) continue;
    if (!added.has(mount.name)) {
      volumes.push(clone(declared.get(mount.name)));
      added.add(mount.name);
    }
    container.volumeMounts.push(clone(mount));
  }
  for (const port of section.ports ?? []) container.ports.push({ name: port.name, containerPort: port.containerPort, protocol: port.protocol });
  if (section.hostNetwork === true) {
    podSpec.hostNetwork = true;
    podSpec.dnsPolicy = 'ClusterFirstWithHostNet';
  }
  if (section.hostAliases?.length) podSpec.hostAliases = clone(section.hostAliases);
  if (section.initContainers?.length) podSpec.initContainers = clone(section.initContainers);
  for (const sidecar of section.sidecars ?? []) {
    if (!podSpec.containers.some((c: any) => c.name === sidecar.name && c.image === sidecar.image)) podSpec.containers.push(clone(sidecar));
  }
  if (section.priorityClassName) podSpec.priorityClassName = section.priorityClassName;
  if (section.schedulerName) podSpec.schedulerName = section.schedulerName;
  const monitoringPort = prometheusPort(spec, role);
  if (monitoringPort) container.ports.push(monitoringPort);
  if (section.securityContext) container.securityContext = clone(section.securityContext);
  if (section.podSecurityContext) podSpec.securityContext = clone(section.podSecurityContext);
  if (section.terminationGracePeriodSeconds != null) podSpec.terminationGracePeriodSeconds = section.terminationGracePeriodSeconds;
  if (section.lifecycle) container.lifecycle = clone(section.lifecycle);
  if (section.shareProcessNamespace === true) podSpec.shareProcessNamespace = true;
  if (container.ports.length === 0) delete container.ports;
  return { role, from: `spec.${role}`, metadata, spec: podSpec };
}

/** The ports Spark's own feature steps open: driver RPC, block manager, UI; executors only a fixed block manager port. */
function sparkPorts(spec: any, role: SparkRole): any[] {
  const conf: Record<string, string> = spec.sparkConf ?? {};
  const port = (value: string | undefined, fallback: number) => (value !== undefined && /^[0-9]+$/.test(value) ? Number(value) : fallback);
  const blockManager = port(conf['spark.driver.blockManager.port'] ?? conf['spark.blockManager.port'], 7079);
  if (role === 'driver') {
    return [
      { name: 'driver-rpc-port', containerPort: port(conf['spark.driver.port'], 7078), protocol: 'TCP' },
      { name: 'blockmanager', containerPort: blockManager, protocol: 'TCP' },
      { name: 'spark-ui', containerPort: port(conf['spark.ui.port'], 4040), protocol: 'TCP' },
    ];
  }
  const executorPort = port(conf['spark.blockManager.port'], 0);
  return executorPort > 0 ? [{ name: 'blockmanager', containerPort: executorPort, protocol: 'TCP' }] : [];
}

/** The metrics port the webhook opens when Prometheus monitoring is exposed for the role. */
function prometheusPort(spec: any, role: SparkRole): any | undefined {
  const monitoring = spec.monitoring;
  const prometheus = monitoring?.prometheus;
  if (!prometheus) return undefined;
  if (monitoring.metricsPropertiesFile && prometheus.configFile) return undefined;
  const exposed = role === 'driver' ? monitoring.exposeDriverMetrics : monitoring.exposeExecutorMetrics;
  if (!exposed) return undefined;
  return { name: prometheus.portName ?? 'jmx-exporter', containerPort: prometheus.port ?? 8090, protocol: 'TCP' };
}
