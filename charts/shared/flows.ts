// The network flows a component needs, declared next to its definition (ComponentDefinition.flows).
// A flow goes from a workload (a namespace and a pod label selector) or an external endpoint to a
// workload or external endpoint, on one port (or port range) and protocol, for a stated reason.
//
// The render pipeline collects the flows of every enabled component (ComponentContext.flows) and
// renders the NetworkPolicies from them (renderFlowPolicies): each component writes the egress
// policy of the workloads it owns that start flows and the ingress policy of the workloads it owns
// that receive them. `npm run flows` proves, with Kubernetes NetworkPolicy semantics over the
// rendered objects, that every declared flow is allowed and every allowed flow is declared.
import type { Construct } from 'constructs';
import { IntOrString, KubeNetworkPolicy, type NetworkPolicyPeer, type NetworkPolicyPort } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment, ExternalEndpoint } from '../../environments/types';
import { LABEL } from './labels';
import { NAMESPACE_NAME_LABEL } from './network-policy';

export type Protocol = 'TCP' | 'UDP';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface PodSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** Pods of one workload (or one role of several workloads) in a namespace. */
export interface WorkloadEndpoint {
  /** Short, unique within its namespace: names the generated policies `<name>-ingress` / `<name>-egress`. */
  readonly name: string;
  readonly namespace: string;
  readonly pods: PodSelector;
  /**
   * The component that renders this workload's NetworkPolicies (the one that deploys it), or
   * undefined for workloads outside the platform (cluster DNS, the ingress controller).
   */
  readonly component?: string;
}

/** The external endpoints an environment file names (network.*): addresses outside the pod network. */
export type ExternalName = 'kube-apiserver' | 'nodes' | 'git-host' | 'kms' | 'sts' | 'instance-metadata' | 'backup-target' | 'smtp' | 'alert-webhooks';

export interface ExternalPeer {
  readonly external: ExternalName;
  readonly cidrs: readonly string[];
}

export type FlowEndpoint = WorkloadEndpoint | ExternalPeer;

export interface Flow {
  readonly from: FlowEndpoint;
  readonly to: FlowEndpoint;
  readonly port: number;
  /** Last port of a range starting at `port` (NetworkPolicy endPort). */
  readonly endPort?: number;
  readonly protocol: Protocol;
  /** One line: why the platform needs it. */
  readonly reason: string;
  /**
   * 'owner' (default): renderFlowPolicies renders the rules. 'namespaces': the namespaces component
   * renders them itself (the DNS allow of every namespace).
   */
  readonly renderedBy?: 'owner' | 'namespaces';
}

/** A flow with the id of the component that declared it. */
export interface OwnedFlow {
  readonly owner: string;
  readonly flow: Flow;
}

export const isExternal = (e: FlowEndpoint): e is ExternalPeer => 'external' in e;

/** A workload endpoint; `matchLabels` shorthand. */
export function workload(component: string | undefined, namespace: string, name: string, pods: PodSelector | Record<string, string>): WorkloadEndpoint {
  const selector = 'matchLabels' in pods || 'matchExpressions' in pods ? (pods as PodSelector) : { matchLabels: pods as Record<string, string> };
  return { name, namespace, pods: selector, ...(component ? { component } : {}) };
}

export function external(name: ExternalName, endpoint: ExternalEndpoint): ExternalPeer {
  return { external: name, cidrs: endpoint.cidrs };
}

/** Flow shorthands: `tcp(from, to, 8200, 'reason')`. */
export const tcp = (from: FlowEndpoint, to: FlowEndpoint, port: number, reason: string, endPort?: number): Flow => ({
  from,
  to,
  port,
  protocol: 'TCP',
  reason,
  ...(endPort !== undefined ? { endPort } : {}),
});
export const udp = (from: FlowEndpoint, to: FlowEndpoint, port: number, reason: string): Flow => ({ from, to, port, protocol: 'UDP', reason });

/** The kube-apiserver endpoint of the environment (its CIDRs and port, network.kubeApiServer). */
export function kubeApiServer(env: Environment): ExternalPeer {
  return external('kube-apiserver', env.network.kubeApiServer);
}

/** Flows from `from` to the kube-apiserver (its one port). */
export function toKubeApiServer(env: Environment, from: WorkloadEndpoint, reason: string): Flow {
  return tcp(from, kubeApiServer(env), env.network.kubeApiServer.port, reason);
}

/** The ingress controller of the environment file (network.ingressController), when it names one. */
export function ingressController(env: Environment): WorkloadEndpoint | undefined {
  const ingress = env.network.ingressController;
  return ingress ? workload(undefined, ingress.namespace, 'ingress-controller', { ...ingress.podLabels }) : undefined;
}

/** Users reach `ui` on `port` through the ingress controller (nothing when the environment names none). */
export function fromIngress(env: Environment, ui: WorkloadEndpoint, port: number, what: string): Flow[] {
  const controller = ingressController(env);
  return controller ? [tcp(controller, ui, port, `Users reach ${what} through the ingress controller`)] : [];
}

/** The same flow from each of `sources`. */
export function fromEach(sources: readonly WorkloadEndpoint[], make: (source: WorkloadEndpoint) => Flow | Flow[]): Flow[] {
  return sources.flatMap((s) => make(s));
}

const sameEndpoint = (a: FlowEndpoint, b: FlowEndpoint) =>
  isExternal(a) || isExternal(b) ? isExternal(a) && isExternal(b) && a.external === b.external : a.namespace === b.namespace && a.name === b.name;

const compareStrings = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function peerOf(policyNamespace: string, endpoint: FlowEndpoint): NetworkPolicyPeer[] {
  if (isExternal(endpoint)) return endpoint.cidrs.map((cidr) => ({ ipBlock: { cidr } }));
  const podSelector = { ...(endpoint.pods.matchLabels ? { matchLabels: { ...endpoint.pods.matchLabels } } : {}), ...(endpoint.pods.matchExpressions ? { matchExpressions: endpoint.pods.matchExpressions.map((e) => ({ ...e, values: e.values ? [...e.values] : undefined })) } : {}) };
  if (endpoint.namespace === policyNamespace) return [{ podSelector }];
  return [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: endpoint.namespace } }, podSelector }];
}

function portsOf(flows: readonly Flow[]): NetworkPolicyPort[] {
  const seen = new Map<string, NetworkPolicyPort>();
  for (const f of flows) {
    const key = `${f.protocol}/${String(f.port).padStart(5, '0')}/${f.endPort ?? ''}`;
    seen.set(key, { protocol: f.protocol, port: IntOrString.fromNumber(f.port), ...(f.endPort !== undefined ? { endPort: f.endPort } : {}) });
  }
  return [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, p]) => p);
}

/** One rule per peer endpoint, its ports the union of the flows' ports; ordered by peer. */
function rulesOf(policyNamespace: string, flows: readonly Flow[], peerOfFlow: (f: Flow) => FlowEndpoint) {
  const groups = new Map<string, { peer: FlowEndpoint; flows: Flow[] }>();
  for (const f of flows) {
    const peer = peerOfFlow(f);
    const key = isExternal(peer) ? `~external/${peer.external}` : `${peer.namespace}/${peer.name}`;
    const group = groups.get(key) ?? { peer, flows: [] };
    group.flows.push(f);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, g]) => ({ peers: peerOf(policyNamespace, g.peer), ports: portsOf(g.flows) }));
}

/**
 * The NetworkPolicies of the workloads `component` owns: for each, one egress policy with a rule per
 * destination of its declared outgoing flows and one ingress policy with a rule per source of its
 * incoming flows. Workloads with no flow in a direction stay under their namespace's default deny.
 */
export function renderFlowPolicies(scope: Construct, component: string, flows: readonly OwnedFlow[]): void {
  const owned = new Map<string, WorkloadEndpoint>();
  for (const { flow } of flows) {
    if (flow.renderedBy === 'namespaces') continue;
    for (const end of [flow.from, flow.to]) {
      if (isExternal(end) || end.component !== component) continue;
      const key = `${end.namespace}/${end.name}`;
      const known = owned.get(key);
      // One name, one set of pods: the generated policies are named after it.
      if (known && JSON.stringify(known.pods) !== JSON.stringify(end.pods)) throw new Error(`flows: workload ${key} is declared with two pod selectors`);
      owned.set(key, end);
    }
  }
  for (const [, end] of [...owned.entries()].sort(([a], [b]) => compareStrings(a, b))) {
    const mine = flows.map((f) => f.flow).filter((f) => f.renderedBy !== 'namespaces');
    const egress = mine.filter((f) => sameEndpoint(f.from, end));
    const ingress = mine.filter((f) => sameEndpoint(f.to, end));
    const metadata = (direction: string) => ({
      name: `${end.name}-${direction}`,
      namespace: end.namespace,
      labels: { [LABEL.name]: component, [LABEL.component]: 'network-policy' },
    });
    const podSelector = peerOf(end.namespace, { ...end, namespace: end.namespace })[0]!.podSelector!;
    if (egress.length > 0) {
      new KubeNetworkPolicy(scope, `flows-${end.namespace}-${end.name}-egress`, {
        metadata: metadata('egress'),
        spec: { podSelector, policyTypes: ['Egress'], egress: rulesOf(end.namespace, egress, (f) => f.to).map((r) => ({ to: r.peers, ports: r.ports })) },
      });
    }
    if (ingress.length > 0) {
      new KubeNetworkPolicy(scope, `flows-${end.namespace}-${end.name}-ingress`, {
        metadata: metadata('ingress'),
        spec: { podSelector, policyTypes: ['Ingress'], ingress: rulesOf(end.namespace, ingress, (f) => f.from).map((r) => ({ from: r.peers, ports: r.ports })) },
      });
    }
  }
}
