// Pods an operator creates at run time from a custom resource that is in dist/, known only by the
// labels the operator promises them. The Prometheus operator (v0.93, kube-prometheus-stack 88.5.3)
// runs each Prometheus and Alertmanager as a StatefulSet in the resource's namespace whose pods
// carry the resource's `spec.podMetadata.labels` overlaid with these fixed labels; Services, such as
// the chart's, select them by those. Written here, not taken from the renderer: the operator's
// contract is the policy's knowledge.
import type { K8sObject } from './types';

export interface OperatorPod {
  readonly namespace: string | undefined;
  readonly labels: Record<string, string>;
  /** Who makes the pods, for messages. */
  readonly madeBy: string;
}

const PROMETHEUS_OPERATOR_GROUP = 'monitoring.coreos.com';

/** The operator's own labels on the pods of a Prometheus or an Alertmanager named `name`. */
const OPERATOR_LABELS: Record<string, (name: string) => Record<string, string>> = {
  // One StatefulSet per shard; the first shard (0) always exists.
  Prometheus: (name) => ({
    'app.kubernetes.io/name': 'prometheus',
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'operator.prometheus.io/name': name,
    'operator.prometheus.io/shard': '0',
    prometheus: name,
  }),
  Alertmanager: (name) => ({
    'app.kubernetes.io/name': 'alertmanager',
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    alertmanager: name,
  }),
};

/** The pods `object` makes an operator create (none for any other object). */
export function operatorPodsOf(object: K8sObject): OperatorPod[] {
  const [group] = object.apiVersion.split('/');
  const labelsOf = OPERATOR_LABELS[object.kind];
  if (group !== PROMETHEUS_OPERATOR_GROUP || !labelsOf) return [];
  const podMetadataLabels: Record<string, string> = object.spec?.podMetadata?.labels ?? {};
  return [
    {
      namespace: object.metadata.namespace,
      labels: { ...podMetadataLabels, ...labelsOf(object.metadata.name) },
      madeBy: `the Prometheus operator from ${object.kind} ${object.metadata.name}`,
    },
  ];
}
