// Who may reach the Pushgateway in the monitoring namespace (default-deny): the Spark drivers in
// spark-jobs push the quality metrics, Prometheus scrapes. It makes no connections itself.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { PUSHGATEWAY_NAME, PUSHGATEWAY_NAMESPACE, PUSHGATEWAY_PORT } from './constants';
import { pushgatewayPodLabels } from './server';

/** Spark sets spark-role on every pod it creates; only drivers run the quality job's push. */
export const SPARK_DRIVER_PODS = { 'spark-role': 'driver' };
export const PROMETHEUS_POD_LABELS = { 'app.kubernetes.io/name': 'prometheus' };

export function renderPushgatewayNetworkPolicies(scope: Construct, env: Environment): void {
  new KubeNetworkPolicy(scope, 'netpol', {
    metadata: { name: 'pushgateway-ingress', namespace: PUSHGATEWAY_NAMESPACE, labels: { [LABEL.name]: PUSHGATEWAY_NAME, [LABEL.component]: 'network-policy' } },
    spec: {
      podSelector: { matchLabels: pushgatewayPodLabels(env) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [namespacePeer(SPARK_JOBS_NAMESPACE, SPARK_DRIVER_PODS)], ports: tcpPorts(PUSHGATEWAY_PORT) },
        { from: [namespacePeer(PUSHGATEWAY_NAMESPACE, PROMETHEUS_POD_LABELS)], ports: tcpPorts(PUSHGATEWAY_PORT) },
      ],
      egress: [],
    },
  });
}
