// Ours beside the chart: the executors' ServiceAccount (no API rights, no token) in spark-jobs,
// and the operator namespace's NetworkPolicies.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy, KubeServiceAccount } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { SPARK_EXECUTOR_SERVICE_ACCOUNT, SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { SPARK_OPERATOR_RELEASE } from './values';

export const SPARK_OPERATOR_NAMESPACE = 'spark-operator';
const WEBHOOK_PORT = 9443;
const METRICS_PORT = 8080;
const KUBE_API_PORTS = [443, 6443];

export function renderSparkOperatorObjects(scope: Construct, env: Environment): void {
  new KubeServiceAccount(scope, 'executor-sa', {
    metadata: { name: SPARK_EXECUTOR_SERVICE_ACCOUNT, namespace: SPARK_JOBS_NAMESPACE, labels: { [LABEL.name]: 'spark', [LABEL.component]: 'executor' } },
    automountServiceAccountToken: false,
  });

  const pods = (component: string) => ({
    'app.kubernetes.io/name': SPARK_OPERATOR_RELEASE,
    'app.kubernetes.io/instance': SPARK_OPERATOR_RELEASE,
    'app.kubernetes.io/component': component,
  });
  const labels = { [LABEL.name]: SPARK_OPERATOR_RELEASE, [LABEL.component]: 'network-policy' };
  const metricsIngress = env.features.monitoring ? [{ from: [namespacePeer('monitoring')], ports: tcpPorts(METRICS_PORT) }] : [];

  new KubeNetworkPolicy(scope, 'netpol-controller', {
    metadata: { name: 'spark-operator-controller', namespace: SPARK_OPERATOR_NAMESPACE, labels },
    spec: {
      podSelector: { matchLabels: pods('controller') },
      policyTypes: ['Ingress', 'Egress'],
      ingress: metricsIngress,
      // spark-submit runs inside the controller and only talks to the API server.
      egress: [{ ports: tcpPorts(...KUBE_API_PORTS) }],
    },
  });
  new KubeNetworkPolicy(scope, 'netpol-webhook', {
    metadata: { name: 'spark-operator-webhook', namespace: SPARK_OPERATOR_NAMESPACE, labels },
    spec: {
      podSelector: { matchLabels: pods('webhook') },
      policyTypes: ['Ingress', 'Egress'],
      // The API server calls the webhook from outside the pod network.
      ingress: [{ ports: tcpPorts(WEBHOOK_PORT) }, ...metricsIngress],
      egress: [{ ports: tcpPorts(...KUBE_API_PORTS) }],
    },
  });
}
