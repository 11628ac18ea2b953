// The operator: its webhook is called by the API server, it calls the API server and each
// instance's status endpoint (8000) in the namespaces that hold clusters, and exposes metrics.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { POSTGRES_CLUSTERS } from '../postgres/clusters';
import { CNPG_OPERATOR_POD_LABELS } from './values';

export const CNPG_NAMESPACE = 'cnpg-system';
export const INSTANCE_STATUS_PORT = 8000;

export function renderCnpgNetworkPolicies(scope: Construct, env: Environment): void {
  const namespaces = [...new Set(POSTGRES_CLUSTERS.map((c) => c.namespace))].sort();
  new KubeNetworkPolicy(scope, 'cnpg-operator-netpol', {
    metadata: { name: 'cnpg-operator', namespace: CNPG_NAMESPACE, labels: { [LABEL.name]: 'cnpg', [LABEL.component]: 'network-policy' } },
    spec: {
      podSelector: { matchLabels: { ...CNPG_OPERATOR_POD_LABELS } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { ports: tcpPorts(9443) },
        ...(env.features.monitoring ? [{ from: [namespacePeer('monitoring', { 'app.kubernetes.io/name': 'prometheus' })], ports: tcpPorts(8080) }] : []),
      ],
      egress: [
        { ports: tcpPorts(443, 6443) },
        { to: namespaces.map((ns) => namespacePeer(ns, { 'cnpg.io/podRole': 'instance' })), ports: tcpPorts(INSTANCE_STATUS_PORT) },
      ],
    },
  });
}
