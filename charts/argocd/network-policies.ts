// Argo CD in its default-deny namespace: components talk to each other (repo-server 8081, redis
// 6379, server 8080/8083), reach the Kubernetes API and the Git/Helm remotes (443, SSH 22),
// users reach the server, Prometheus reaches the metrics ports.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy, type NetworkPolicyEgressRule, type NetworkPolicyIngressRule } from 'cdk8s-plus-28/lib/imports/k8s';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { ARGOCD_NAMESPACE } from './constants';

const ANYWHERE = { ipBlock: { cidr: '0.0.0.0/0' } };
export const REMOTE_PORTS = [22, 443, 6443];
export const SERVER_PORT = 8080;
export const METRICS_PORTS = [8080, 8082, 8083, 8084, 9001];

export function renderArgoCdNetworkPolicies(scope: Construct): void {
  const policy = (name: string, podLabels: Record<string, string>, ingress?: NetworkPolicyIngressRule[], egress?: NetworkPolicyEgressRule[]) =>
    new KubeNetworkPolicy(scope, name, {
      metadata: { name, namespace: ARGOCD_NAMESPACE, labels: { [LABEL.name]: 'argocd', [LABEL.component]: 'network-policy' } },
      spec: {
        podSelector: Object.keys(podLabels).length ? { matchLabels: podLabels } : {},
        policyTypes: [...(ingress ? ['Ingress'] : []), ...(egress ? ['Egress'] : [])],
        ingress,
        egress,
      },
    });
  const sameNamespace = { podSelector: {} };
  policy('argocd-internal', {}, [{ from: [sameNamespace] }], [{ to: [sameNamespace] }]);
  policy('argocd-remotes-egress', {}, undefined, [{ to: [ANYWHERE], ports: tcpPorts(...REMOTE_PORTS) }]);
  policy('argocd-server-ingress', { 'app.kubernetes.io/name': 'argocd-server' }, [{ from: [ANYWHERE], ports: tcpPorts(SERVER_PORT) }]);
  policy('argocd-metrics-ingress', {}, [{ from: [namespacePeer('monitoring', { 'app.kubernetes.io/name': 'prometheus' })], ports: tcpPorts(...METRICS_PORTS) }]);
}
