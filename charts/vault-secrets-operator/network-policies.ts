// The operator calls Vault and the API server, and is scraped by Prometheus; its hook Jobs (CRD
// upgrade, pre-delete cleanup) call the API server only; nothing else.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { VAULT_SERVER_POD_LABELS } from '../vault/network-policies';
import { VAULT_API_PORT } from '../vault/server-config';
import { VSO_HOOK_COMPONENTS } from './post-render';

export const VSO_NAMESPACE = 'vault-secrets-operator';
/** kube-rbac-proxy in front of the controller's metrics (the chart's metrics Service, https). */
export const VSO_METRICS_PORT = 8443;
/** Labels the chart puts on the controller-manager pods. */
export const VSO_POD_LABELS = { 'app.kubernetes.io/name': 'vault-secrets-operator', 'control-plane': 'controller-manager' };
const PROMETHEUS_PODS = { 'app.kubernetes.io/name': 'prometheus' };
/** The API server's ports (443 behind the kubernetes Service, 6443 on the control-plane nodes). */
const KUBE_API_PORTS = [443, 6443];

export function renderVsoNetworkPolicies(scope: Construct, env: Environment): void {
  new KubeNetworkPolicy(scope, 'vso-netpol', {
    metadata: { name: 'vault-secrets-operator', namespace: VSO_NAMESPACE, labels: { [LABEL.name]: 'vault-secrets-operator', [LABEL.component]: 'network-policy' } },
    spec: {
      podSelector: { matchLabels: VSO_POD_LABELS },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [
        { to: [namespacePeer(VAULT_NAMESPACE, VAULT_SERVER_POD_LABELS)], ports: tcpPorts(VAULT_API_PORT) },
        { ports: tcpPorts(...KUBE_API_PORTS) },
      ],
    },
  });
  // The hooks run the operator binary against the API server only (CRDs; finalizers on uninstall).
  new KubeNetworkPolicy(scope, 'vso-hooks-netpol', {
    metadata: { name: 'vault-secrets-operator-hooks', namespace: VSO_NAMESPACE, labels: { [LABEL.name]: 'vault-secrets-operator', [LABEL.component]: 'network-policy' } },
    spec: {
      podSelector: {
        matchLabels: { [LABEL.name]: 'vault-secrets-operator' },
        matchExpressions: [{ key: LABEL.component, operator: 'In', values: Object.values(VSO_HOOK_COMPONENTS).sort() }],
      },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [],
      egress: [{ ports: tcpPorts(...KUBE_API_PORTS) }],
    },
  });
  if (!env.features.monitoring) return;
  // Only Prometheus, only to the controller's metrics proxy.
  new KubeNetworkPolicy(scope, 'vso-metrics-netpol', {
    metadata: { name: 'vault-secrets-operator-metrics', namespace: VSO_NAMESPACE, labels: { [LABEL.name]: 'vault-secrets-operator', [LABEL.component]: 'network-policy' } },
    spec: {
      podSelector: { matchLabels: VSO_POD_LABELS },
      policyTypes: ['Ingress'],
      ingress: [{ from: [namespacePeer('monitoring', PROMETHEUS_PODS)], ports: tcpPorts(VSO_METRICS_PORT) }],
    },
  });
}
