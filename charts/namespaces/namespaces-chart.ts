// Baseline of every environment: namespaces with Pod Security admission labels, a quota and a
// LimitRange sized from the environment file, default-deny NetworkPolicies and the DNS allow.
import type { Construct } from 'constructs';
import {
  IntOrString,
  KubeLimitRange,
  KubeNamespace,
  KubeNetworkPolicy,
  KubeResourceQuota,
  Quantity,
} from 'cdk8s-plus-28/lib/imports/k8s';
import type { ComponentContext } from '../shared/component';
import { protectedAnnotations } from '../shared/protection';
import { LABEL } from '../shared/labels';
import { NAMESPACE_NAME_LABEL } from '../shared/network-policy';
import { VAULT_AGENT_INJECTION_LABEL, agentNamespaces } from '../shared/vault-secrets';
import { PLATFORM_NAMESPACES, type PlatformNamespace } from './platform-namespaces';
import { limitRangeFigures, quotaFigures } from './quota';

export const POD_SECURITY_VERSION = 'v1.28';

export function renderNamespaces(scope: Construct, { env, vaultConsumers }: ComponentContext): void {
  const injected = new Set(agentNamespaces(vaultConsumers));
  for (const ns of PLATFORM_NAMESPACES) {
    renderNamespace(scope, ns, env, injected.has(ns.name));
  }
}

function renderNamespace(scope: Construct, ns: PlatformNamespace, env: ComponentContext['env'], agentInjection: boolean): void {
  const labels = (component: string) => ({ [LABEL.name]: 'namespaces', [LABEL.component]: component });
  new KubeNamespace(scope, `${ns.name}-namespace`, {
    metadata: {
      name: ns.name,
      labels: {
        ...labels('namespace'),
        'pod-security.kubernetes.io/enforce': ns.podSecurity,
        'pod-security.kubernetes.io/enforce-version': POD_SECURITY_VERSION,
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': POD_SECURITY_VERSION,
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': POD_SECURITY_VERSION,
        // The Vault agent injector's webhook sees only namespaces whose workloads declare agents.
        ...(agentInjection ? { [VAULT_AGENT_INJECTION_LABEL]: 'enabled' } : {}),
      },
      // Deleting a Namespace deletes everything in it: never pruned, kept when the Application goes.
      annotations: { ...protectedAnnotations(), ...(ns.exceptionReason ? { 'gridata.io/pod-security-exception': ns.exceptionReason } : {}) },
    },
  });

  const sized = ns.sizedPods(env);
  const quota = quotaFigures(sized);
  new KubeResourceQuota(scope, `${ns.name}-quota`, {
    metadata: { name: 'compute', namespace: ns.name, labels: labels('quota') },
    spec: {
      hard: {
        'requests.cpu': Quantity.fromString(quota.requestsCpu),
        'requests.memory': Quantity.fromString(quota.requestsMemory),
        'limits.cpu': Quantity.fromString(quota.limitsCpu),
        'limits.memory': Quantity.fromString(quota.limitsMemory),
        pods: Quantity.fromNumber(quota.pods),
      },
    },
  });

  const limits = limitRangeFigures(sized);
  new KubeLimitRange(scope, `${ns.name}-limits`, {
    metadata: { name: 'container-defaults', namespace: ns.name, labels: labels('limit-range') },
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: Quantity.fromString(limits.defaultLimit.cpu), memory: Quantity.fromString(limits.defaultLimit.memory) },
          defaultRequest: { cpu: Quantity.fromString(limits.defaultRequest.cpu), memory: Quantity.fromString(limits.defaultRequest.memory) },
          max: { cpu: Quantity.fromString(limits.max.cpu), memory: Quantity.fromString(limits.max.memory) },
        },
      ],
    },
  });

  new KubeNetworkPolicy(scope, `${ns.name}-default-deny`, {
    metadata: { name: 'default-deny', namespace: ns.name, labels: labels('network-policy') },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });

  new KubeNetworkPolicy(scope, `${ns.name}-allow-dns`, {
    metadata: { name: 'allow-dns-egress', namespace: ns.name, labels: labels('network-policy') },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: IntOrString.fromNumber(53) },
            { protocol: 'TCP', port: IntOrString.fromNumber(53) },
          ],
        },
      ],
    },
  });
}
