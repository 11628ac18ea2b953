// The flow proof of one rendered environment: every declared flow is allowed by the rendered
// NetworkPolicies (evaluator.ts), every allowed pod-to-pod, pod-to-external and external-to-pod
// flow is declared, and no pod that runs job code reaches the internet. Also lists the rule peers
// broader than a workload (0.0.0.0/0, no peer, namespaceSelector {}, whole namespaces).
import type { Environment } from '../../environments/types';
import { isExternal, type Flow, type FlowEndpoint, type OwnedFlow } from '../../charts/shared/flows';
import type { RenderedEnvironment } from '../../policies/types';
import {
  NO_PORTS,
  allowed,
  egressAllowed,
  formatPorts,
  ingressAllowed,
  intersect,
  ipAtoms,
  isEmpty,
  isInternet,
  parseCidr,
  portSet,
  rangeToCidrs,
  selects,
  subtract,
  union,
  type IpRange,
  type Pod,
  type Peer,
  type PortSet,
  type World,
} from '../../policies/flows/evaluator';
import { inventory, type Inventory, type InventoryPod } from '../../policies/flows/pods';

export interface FlowResult {
  readonly owner: string;
  readonly flow: Flow;
  /** Source and destination ends that match nothing (a declaration error). */
  readonly unmatched: string[];
  /** `source → destination` pairs that the policies deny. */
  readonly blockedPairs: string[];
}

export interface Undeclared {
  readonly from: string;
  readonly to: string;
  readonly ports: string;
}

export interface BroadPeer {
  readonly policy: string;
  readonly direction: 'ingress' | 'egress';
  readonly kind: '0.0.0.0/0' | 'no peer' | 'namespaceSelector {}' | 'whole namespace';
  readonly peer: string;
}

export interface FlowProof {
  readonly env: string;
  readonly pods: number;
  readonly results: FlowResult[];
  readonly undeclared: Undeclared[];
  readonly internetPods: string[];
  /**
   * Pods that run job code and reach an internet address other than the Git host's (the Airflow
   * worker's git-sync init container fetches the DAGs from it before the task starts).
   */
  readonly jobCodeInternetPods: string[];
  readonly broadPeers: BroadPeer[];
  readonly hostNetwork: string[];
}

export const blocked = (p: FlowProof) => p.results.filter((r) => r.blockedPairs.length > 0 || r.unmatched.length > 0);

const endpointLabel = (e: FlowEndpoint) => (isExternal(e) ? e.external : `${e.namespace}/${e.name}`);
export const flowLabel = (f: Flow) => `${endpointLabel(f.from)} → ${endpointLabel(f.to)} ${f.protocol} ${f.port}${f.endPort ? `-${f.endPort}` : ''}`;

const podsOf = (inv: Inventory, e: FlowEndpoint): InventoryPod[] =>
  isExternal(e) ? [] : inv.pods.filter((p) => p.namespace === e.namespace && selects(e.pods, p.labels));

const contains = (cidrs: readonly string[], atom: IpRange) => cidrs.some((c) => {
  const [a, b] = parseCidr(c);
  return atom[0] >= a && atom[1] <= b;
});

const flowPorts = (f: Flow): PortSet => portSet(f.protocol, f.port, f.endPort ?? f.port);

export function proveFlows(rendered: RenderedEnvironment, env: Environment, flows: readonly OwnedFlow[]): FlowProof {
  const inv = inventory(rendered, env);
  const world: World = { namespaces: inv.namespaces, policies: inv.policies };
  const cidrs = new Set<string>();
  for (const p of inv.policies) {
    for (const rule of [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]) {
      for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
        if (peer.ipBlock) [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])].filter((c: string) => !c.includes(':')).forEach((c: string) => cidrs.add(c));
      }
    }
  }
  for (const { flow } of flows) for (const e of [flow.from, flow.to]) if (isExternal(e)) e.cidrs.forEach((c) => cidrs.add(c));
  const atoms = ipAtoms(cidrs);
  const atomsOf = (e: FlowEndpoint) => (isExternal(e) ? atoms.filter((a) => contains(e.cidrs, a)) : []);
  const peersOf = (e: FlowEndpoint): { label: string; peer: Peer }[] =>
    isExternal(e) ? atomsOf(e).map((ip) => ({ label: `${e.external} ${rangeToCidrs(ip).join(',')}`, peer: { ip } })) : podsOf(inv, e).map((pod) => ({ label: pod.id, peer: { pod } }));

  // 1. Every declared flow is allowed, between every source and destination it names.
  const results: FlowResult[] = flows.map(({ owner, flow }) => {
    const sources = peersOf(flow.from);
    const destinations = peersOf(flow.to);
    // The namespace baseline (DNS for every pod of a namespace) may find no pod: node-exporter's
    // namespace holds host-network pods only.
    const unmatched = [...(sources.length === 0 && flow.renderedBy !== 'namespaces' ? [`from ${endpointLabel(flow.from)} matches nothing`] : []), ...(destinations.length === 0 ? [`to ${endpointLabel(flow.to)} matches nothing`] : [])];
    const blockedPairs: string[] = [];
    const wanted = flowPorts(flow);
    for (const s of sources) {
      for (const d of destinations) {
        const missing = subtract(wanted, allowed(world, s.peer, d.peer));
        if (!isEmpty(missing)) blockedPairs.push(`${s.label} → ${d.label} (${formatPorts(missing)} denied)`);
      }
    }
    return { owner, flow, unmatched, blockedPairs };
  });

  // 2. Every allowed flow is declared.
  // The flows each pod starts and receives, computed once.
  const fromPod = new Map<Pod, OwnedFlow[]>(inv.pods.map((p) => [p, flows.filter(({ flow }) => !isExternal(flow.from) && flow.from.namespace === p.namespace && selects(flow.from.pods, p.labels))]));
  const toPod = new Map<Pod, Set<OwnedFlow>>(inv.pods.map((p) => [p, new Set(flows.filter(({ flow }) => !isExternal(flow.to) && flow.to.namespace === p.namespace && selects(flow.to.pods, p.labels)))]));
  const declared = (source: Peer, destination: Peer): PortSet => {
    let out = NO_PORTS;
    const candidates = 'pod' in source ? fromPod.get(source.pod)! : flows.filter(({ flow }) => isExternal(flow.from) && contains(flow.from.cidrs, source.ip));
    for (const owned of candidates) {
      const { flow } = owned;
      const toOk = 'pod' in destination ? toPod.get(destination.pod)!.has(owned) : isExternal(flow.to) && contains(flow.to.cidrs, destination.ip);
      if (toOk) out = union(out, flowPorts(flow));
    }
    return out;
  };
  const undeclared: Undeclared[] = [];
  const ours = inv.pods.filter((p) => !p.source.includes('convention') && !p.source.includes('network.ingressController'));
  for (const s of inv.pods) {
    for (const d of inv.pods) {
      const rest = subtract(allowed(world, { pod: s }, { pod: d }), declared({ pod: s }, { pod: d }));
      if (!isEmpty(rest) && (ours.includes(s) || ours.includes(d))) undeclared.push({ from: s.id, to: d.id, ports: formatPorts(rest) });
    }
  }
  const internetPods = new Set<string>();
  const jobCodeInternet = new Set<string>();
  const gitHost = flows.flatMap(({ flow }) => (isExternal(flow.to) && flow.to.external === 'git-host' ? [...flow.to.cidrs] : []));
  const byRange = (from: string, to: (label: string) => string, pieces: { atom: IpRange; rest: PortSet }[]) => {
    // Adjacent atoms with the same ports are reported as one range.
    const merged: { range: [number, number]; ports: string }[] = [];
    for (const { atom, rest } of pieces) {
      const ports = formatPorts(rest);
      const last = merged[merged.length - 1];
      if (last && last.range[1] === atom[0] && last.ports === ports) last.range[1] = atom[1];
      else merged.push({ range: [atom[0], atom[1]], ports });
    }
    for (const m of merged) {
      const cidrList = rangeToCidrs(m.range);
      const shown = cidrList.length > 4 ? `${cidrList.slice(0, 3).join(',')},… (${cidrList.length} CIDRs)` : cidrList.join(',');
      undeclared.push({ from, to: to(shown), ports: m.ports });
    }
  };
  for (const pod of ours) {
    const out: { atom: IpRange; rest: PortSet }[] = [];
    const inbound: { atom: IpRange; rest: PortSet }[] = [];
    for (const atom of atoms) {
      const egress = egressAllowed(world, pod, { ip: atom });
      if (!isEmpty(egress) && isInternet(atom)) {
        internetPods.add(pod.id);
        if (pod.jobCode && !contains(gitHost, atom)) jobCodeInternet.add(pod.id);
      }
      const rest = subtract(egress, declared({ pod }, { ip: atom }));
      if (!isEmpty(rest)) out.push({ atom, rest });
      const restIn = subtract(ingressAllowed(world, pod, { ip: atom }), declared({ ip: atom }, { pod }));
      if (!isEmpty(restIn)) inbound.push({ atom, rest: restIn });
    }
    byRange(pod.id, (cidr) => `external ${cidr}`, out);
    for (const m of inbound) undeclared.push({ from: `external ${rangeToCidrs(m.atom).join(',')}`, to: pod.id, ports: formatPorts(m.rest) });
  }
  return {
    env: rendered.env,
    pods: ours.length,
    results,
    undeclared: mergeInbound(undeclared),
    internetPods: [...internetPods].sort(),
    jobCodeInternetPods: [...jobCodeInternet].sort(),
    broadPeers: broadPeers(inv),
    hostNetwork: inv.hostNetwork,
  };
}

/** Inbound external findings merged per destination and ports (adjacent atoms). */
function mergeInbound(list: Undeclared[]): Undeclared[] {
  const out: Undeclared[] = [];
  for (const u of list) {
    const last = out[out.length - 1];
    if (last && last.to === u.to && last.ports === u.ports && last.from.startsWith('external ') && u.from.startsWith('external ') && !last.from.includes('…')) {
      const joined = `${last.from},${u.from.slice('external '.length)}`;
      const parts = joined.slice('external '.length).split(',');
      out[out.length - 1] = { ...last, from: parts.length > 4 ? `external ${parts.slice(0, 3).join(',')},… (${parts.length} CIDRs)` : joined };
    } else out.push(u);
  }
  return out;
}

const emptySelector = (s: any) => s !== undefined && s !== null && Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

export function broadPeers(inv: Inventory): BroadPeer[] {
  const out: BroadPeer[] = [];
  for (const p of inv.policies) {
    const policy = `${p.metadata.namespace}/${p.metadata.name}`;
    for (const [direction, rules, key] of [
      ['ingress', p.spec.ingress ?? [], 'from'],
      ['egress', p.spec.egress ?? [], 'to'],
    ] as const) {
      for (const rule of rules as any[]) {
        const peers: any[] = rule[key] ?? [];
        if (peers.length === 0) out.push({ policy, direction, kind: 'no peer', peer: `ports ${JSON.stringify(rule.ports ?? 'all')}` });
        for (const peer of peers) {
          if (peer.ipBlock?.cidr === '0.0.0.0/0' || peer.ipBlock?.cidr === '::/0') out.push({ policy, direction, kind: '0.0.0.0/0', peer: JSON.stringify(peer) });
          else if (emptySelector(peer.namespaceSelector)) out.push({ policy, direction, kind: 'namespaceSelector {}', peer: JSON.stringify(peer) });
          else if (!peer.ipBlock && (peer.podSelector === undefined || emptySelector(peer.podSelector))) out.push({ policy, direction, kind: 'whole namespace', peer: JSON.stringify(peer) });
        }
      }
    }
  }
  return out;
}

export { intersect };
