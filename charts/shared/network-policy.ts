// NetworkPolicy building blocks. Every namespace starts from default-deny (charts/namespaces);
// components add exactly the flows they need with these helpers.
import type { NetworkPolicyPeer, NetworkPolicyPort } from 'cdk8s-plus-28/lib/imports/k8s';
import { IntOrString } from 'cdk8s-plus-28/lib/imports/k8s';

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export function namespacePeer(namespace: string, podLabels?: Record<string, string>): NetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
  };
}

export function tcpPorts(...ports: number[]): NetworkPolicyPort[] {
  return ports.map((port) => ({ protocol: 'TCP', port: IntOrString.fromNumber(port) }));
}
