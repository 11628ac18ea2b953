// Flows into and out of the vault namespace (default-deny is already in place): clients reach the
// API port from exactly the namespaces that declared Vault consumers, raft peers talk to each other,
// the API server calls the injector webhook, and Vault calls the API server (TokenReview) and KMS.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { VAULT_NAMESPACE, identityOf, type OwnedConsumer } from '../shared/vault-secrets';
import { VAULT_API_PORT, VAULT_CLUSTER_PORT, VAULT_RELEASE } from './server-config';

export const VAULT_SERVER_POD_LABELS = { 'app.kubernetes.io/name': VAULT_RELEASE, 'app.kubernetes.io/instance': VAULT_RELEASE, component: 'server' };
export const INJECTOR_POD_LABELS = { 'app.kubernetes.io/name': `${VAULT_RELEASE}-agent-injector`, 'app.kubernetes.io/instance': VAULT_RELEASE, component: 'webhook' };
const INJECTOR_PORT = 8080;
/** The API server's address is not a pod address; its port is what we can pin. */
const KUBE_API_PORTS = [443, 6443];

/** Namespaces whose pods call the Vault API: declared consumers (VSO calls on behalf of synced ones). */
export function vaultClientNamespaces(env: Environment, consumers: readonly OwnedConsumer[]): string[] {
  const namespaces = new Set<string>([VAULT_NAMESPACE, 'vault-secrets-operator']);
  for (const { consumer } of consumers) {
    if (consumer.kind !== 'synced') namespaces.add(identityOf(consumer).namespace);
  }
  if (env.features.monitoring) namespaces.add('monitoring');
  return [...namespaces].sort();
}

export function renderVaultNetworkPolicies(scope: Construct, env: Environment, consumers: readonly OwnedConsumer[]): void {
  const labels = { [LABEL.name]: 'vault', [LABEL.component]: 'network-policy' };
  new KubeNetworkPolicy(scope, 'vault-server-netpol', {
    metadata: { name: 'vault-server', namespace: VAULT_NAMESPACE, labels },
    spec: {
      podSelector: { matchLabels: VAULT_SERVER_POD_LABELS },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: vaultClientNamespaces(env, consumers).map((ns) => namespacePeer(ns)), ports: tcpPorts(VAULT_API_PORT) },
        { from: [{ podSelector: { matchLabels: VAULT_SERVER_POD_LABELS } }], ports: tcpPorts(VAULT_API_PORT, VAULT_CLUSTER_PORT) },
      ],
      egress: [
        { to: [{ podSelector: { matchLabels: VAULT_SERVER_POD_LABELS } }], ports: tcpPorts(VAULT_API_PORT, VAULT_CLUSTER_PORT) },
        { ports: tcpPorts(...KUBE_API_PORTS) },
      ],
    },
  });
  new KubeNetworkPolicy(scope, 'vault-injector-netpol', {
    metadata: { name: 'vault-agent-injector', namespace: VAULT_NAMESPACE, labels },
    spec: {
      podSelector: { matchLabels: INJECTOR_POD_LABELS },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: tcpPorts(INJECTOR_PORT) }],
      egress: [{ ports: tcpPorts(...KUBE_API_PORTS) }],
    },
  });
}
