// The pods of a rendered environment, as NetworkPolicies see them (namespace, labels, named ports):
// - the pod template of every workload in dist (Deployment, StatefulSet, DaemonSet, Job, CronJob,
//   Pod), our own and the hydrated charts';
// - pods operators create from custom resources, their labels modelled from the CR the way each
//   operator sets them:
//   CloudNativePG Cluster → instance pods (cnpg.io/cluster, cnpg.io/podRole=instance,
//     cnpg.io/instanceName, role/cnpg.io/instanceRole; ports postgresql 5432, metrics 9187,
//     status 8000) and the bootstrap Jobs' pods (cnpg.io/cluster, cnpg.io/jobRole=initdb, and
//     join when instances > 1; no podRole); spec.inheritedMetadata.labels on all of them;
//   CloudNativePG Pooler → pgbouncer pods (cnpg.io/poolerName, cnpg.io/podRole=pooler, plus
//     spec.template.metadata.labels; ports pgbouncer 5432, metrics 9127);
//   Prometheus / Alertmanager → the operator's StatefulSet pods (app.kubernetes.io/name
//     prometheus|alertmanager, app.kubernetes.io/instance and prometheus|alertmanager = the CR
//     name, app.kubernetes.io/managed-by=prometheus-operator, plus spec.podMetadata.labels; ports
//     web 9090|9093, mesh 9094 TCP+UDP for Alertmanager, reloader-web 8080);
//   SparkApplication (review-only specs the DAGs submit) → driver and executor pods (spark-role,
//     spark-app-name, sparkoperator.k8s.io/app-name, sparkoperator.k8s.io/launched-by-spark-operator,
//     plus spec.driver|executor.labels; ports from spark.driver.port / spark.blockManager.port);
//   Airflow's KubernetesExecutor → worker pods from the pod_template_file in airflow-config;
// - pods outside the platform that flows name: cluster DNS (kube-system, k8s-app=kube-dns) and the
//   ingress controller of the environment file.
// Host-network pods are not pods to NetworkPolicies: their traffic has the node's address, so they
// are left out (the flows name them as the `nodes` external endpoint).
import { load, loadAll } from 'js-yaml';
import type { Environment } from '../../environments/types';
import { podSpecsOf } from '../pod-specs';
import type { RenderedEnvironment } from '../types';
import type { ContainerPort, Namespace, NetworkPolicy, Pod, Protocol } from './evaluator';

export interface InventoryPod extends Pod {
  /** How the pod was modelled: `template` (a workload's pod template) or the CR/convention used. */
  readonly source: string;
  /** Runs job code (DAG tasks, Spark jobs): must not reach the internet. */
  readonly jobCode: boolean;
}

export interface Inventory {
  readonly pods: InventoryPod[];
  readonly hostNetwork: string[];
  readonly namespaces: Map<string, Namespace>;
  readonly policies: NetworkPolicy[];
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

function portsOfSpec(spec: any): ContainerPort[] {
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].flatMap((c: any) =>
    (c.ports ?? []).map((p: any) => ({ ...(p.name ? { name: p.name } : {}), port: p.containerPort, protocol: (p.protocol ?? 'TCP') as Protocol })),
  );
}

const tcp = (name: string, port: number): ContainerPort => ({ name, port, protocol: 'TCP' });

export function inventory(rendered: RenderedEnvironment, env?: Pick<Environment, 'network'>): Inventory {
  const pods: InventoryPod[] = [];
  const hostNetwork: string[] = [];
  const namespaces = new Map<string, Namespace>();
  const policies: NetworkPolicy[] = [];
  const add = (pod: InventoryPod) => pods.push(pod);

  for (const doc of rendered.documents) {
    const o = doc.object;
    const ns = o.metadata.namespace ?? '';
    if (o.kind === 'Namespace' && !doc.reviewOnly) namespaces.set(o.metadata.name, { name: o.metadata.name, labels: { ...(o.metadata.labels ?? {}), [NAME_LABEL]: o.metadata.name } });
    if (o.kind === 'NetworkPolicy' && !doc.reviewOnly) policies.push({ metadata: { name: o.metadata.name, namespace: ns }, spec: o.spec ?? {} });
    if (!doc.reviewOnly) {
      for (const t of podSpecsOf(o)) {
        const id = `${ns}/${o.kind}/${o.metadata.name}`;
        if (t.spec.hostNetwork) {
          hostNetwork.push(id);
          continue;
        }
        add({ id, namespace: ns, labels: t.metadata.labels ?? {}, ports: portsOfSpec(t.spec), source: 'template', jobCode: false });
      }
    }
    switch (o.kind) {
      case 'Cluster':
        if (o.apiVersion.startsWith('postgresql.cnpg.io/')) cnpgClusterPods(o).forEach(add);
        break;
      case 'Pooler':
        if (o.apiVersion.startsWith('postgresql.cnpg.io/')) add(cnpgPoolerPod(o));
        break;
      case 'Prometheus':
      case 'Alertmanager':
        if (o.apiVersion.startsWith('monitoring.coreos.com/')) add(prometheusOperatorPod(o));
        break;
      case 'SparkApplication':
        if (o.apiVersion.startsWith('sparkoperator.k8s.io/')) sparkPods(o).forEach(add);
        break;
      case 'ConfigMap': {
        const template = o.data?.['pod_template_file.yaml'];
        if (typeof template === 'string' && !doc.reviewOnly) {
          const pod = (loadAll(template) as any[]).find((x) => x && x.kind === 'Pod');
          if (pod) {
            add({
              id: `${ns}/Pod/${o.metadata.name}:pod_template_file (KubernetesExecutor worker)`,
              namespace: ns,
              // The executor adds airflow-worker, dag_id, task_id, run_id… to the template's labels.
              labels: { ...(pod.metadata?.labels ?? {}), kubernetes_executor: 'True' },
              ports: portsOfSpec(pod.spec),
              source: 'Airflow pod_template_file',
              jobCode: true,
            });
          }
        }
        break;
      }
    }
  }

  // Outside the platform: cluster DNS and the ingress controller.
  namespaces.set('kube-system', { name: 'kube-system', labels: { [NAME_LABEL]: 'kube-system' } });
  add({
    id: 'kube-system/Deployment/coredns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, tcp('dns-tcp', 53), tcp('metrics', 9153)],
    source: 'cluster DNS (convention)',
    jobCode: false,
  });
  const ingress = env?.network?.ingressController;
  if (ingress) {
    if (!namespaces.has(ingress.namespace)) namespaces.set(ingress.namespace, { name: ingress.namespace, labels: { [NAME_LABEL]: ingress.namespace } });
    add({ id: `${ingress.namespace}/Deployment/ingress-controller`, namespace: ingress.namespace, labels: { ...ingress.podLabels }, ports: [], source: 'environment file network.ingressController', jobCode: false });
  }
  return { pods, hostNetwork, namespaces, policies };
}

function cnpgClusterPods(o: any): InventoryPod[] {
  const name = o.metadata.name;
  const ns = o.metadata.namespace;
  const inherited = o.spec?.inheritedMetadata?.labels ?? {};
  const base = { ...inherited, 'cnpg.io/cluster': name };
  const instancePorts = [tcp('postgresql', 5432), tcp('metrics', 9187), tcp('status', 8000)];
  const pods: InventoryPod[] = [
    {
      id: `${ns}/Cluster/${name}:instance`,
      namespace: ns,
      labels: { ...base, 'cnpg.io/podRole': 'instance', 'cnpg.io/instanceName': `${name}-1`, role: 'primary', 'cnpg.io/instanceRole': 'primary' },
      ports: instancePorts,
      source: 'CloudNativePG Cluster instances',
      jobCode: false,
    },
  ];
  const bootstrap = Object.keys(o.spec?.bootstrap ?? { initdb: {} })[0] ?? 'initdb';
  pods.push({ id: `${ns}/Cluster/${name}:${bootstrap}-job`, namespace: ns, labels: { ...base, 'cnpg.io/jobRole': bootstrap, 'cnpg.io/instanceName': `${name}-1` }, ports: [], source: `CloudNativePG Cluster ${bootstrap} Job`, jobCode: false });
  if ((o.spec?.instances ?? 1) > 1) {
    pods.push({ id: `${ns}/Cluster/${name}:join-job`, namespace: ns, labels: { ...base, 'cnpg.io/jobRole': 'join', 'cnpg.io/instanceName': `${name}-2` }, ports: [], source: 'CloudNativePG Cluster join Job', jobCode: false });
  }
  return pods;
}

function cnpgPoolerPod(o: any): InventoryPod {
  const labels = { ...(o.spec?.template?.metadata?.labels ?? {}), 'cnpg.io/poolerName': o.metadata.name, 'cnpg.io/podRole': 'pooler' };
  return { id: `${o.metadata.namespace}/Pooler/${o.metadata.name}`, namespace: o.metadata.namespace, labels, ports: [tcp('pgbouncer', 5432), tcp('metrics', 9127)], source: 'CloudNativePG Pooler', jobCode: false };
}

function prometheusOperatorPod(o: any): InventoryPod {
  const app = o.kind === 'Prometheus' ? 'prometheus' : 'alertmanager';
  const labels = {
    ...(o.spec?.podMetadata?.labels ?? {}),
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/instance': o.metadata.name,
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    [app]: o.metadata.name,
    ...(app === 'prometheus' ? { 'operator.prometheus.io/name': o.metadata.name, 'operator.prometheus.io/shard': '0' } : {}),
  };
  const ports: ContainerPort[] =
    app === 'prometheus'
      ? [tcp('web', 9090), tcp('reloader-web', 8080)]
      : [tcp('web', 9093), tcp('mesh-tcp', 9094), { name: 'mesh-udp', port: 9094, protocol: 'UDP' }, tcp('reloader-web', 8080)];
  return { id: `${o.metadata.namespace}/${o.kind}/${o.metadata.name}`, namespace: o.metadata.namespace, labels, ports, source: `prometheus-operator ${o.kind} StatefulSet`, jobCode: false };
}

function sparkPods(o: any): InventoryPod[] {
  const name = o.metadata.name;
  const conf = o.spec?.sparkConf ?? {};
  const driverPort = Number(conf['spark.driver.port'] ?? 7078);
  const blockManager = Number(conf['spark.blockManager.port'] ?? conf['spark.driver.blockManager.port'] ?? 7079);
  const common = { 'spark-app-name': name, 'sparkoperator.k8s.io/app-name': name, 'sparkoperator.k8s.io/launched-by-spark-operator': 'true' };
  return [
    {
      id: `${o.metadata.namespace}/SparkApplication/${name}:driver`,
      namespace: o.metadata.namespace,
      labels: { ...(o.spec?.driver?.labels ?? {}), ...common, 'spark-role': 'driver' },
      ports: [tcp('driver-rpc-port', driverPort), tcp('blockmanager', blockManager), tcp('spark-ui', 4040)],
      source: 'Spark operator driver pod',
      jobCode: true,
    },
    {
      id: `${o.metadata.namespace}/SparkApplication/${name}:executor`,
      namespace: o.metadata.namespace,
      labels: { ...(o.spec?.executor?.labels ?? {}), ...common, 'spark-role': 'executor' },
      ports: [tcp('blockmanager', blockManager)],
      source: 'Spark executor pod',
      jobCode: true,
    },
  ];
}

/** Parses one YAML document (used by tests building fixtures). */
export const parseYaml = (text: string): any => load(text);
