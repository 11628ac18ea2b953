// Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), evaluated over a set of pods and
// external IPv4 addresses:
// - a pod is isolated in a direction when some policy in its namespace selects it (podSelector,
//   matchLabels and matchExpressions) and lists that direction in policyTypes (absent policyTypes:
//   Ingress, plus Egress when the policy has egress rules); a non-isolated direction allows all;
// - an isolated direction allows the union of the rules of the selecting policies; a rule without
//   peers matches every peer, without ports every port;
// - peers: podSelector alone = pods of the policy's namespace; namespaceSelector alone = every pod
//   of the matching namespaces; both = matching pods in matching namespaces; ipBlock = addresses in
//   cidr and in none of except (ipBlock is taken to match external addresses only, as the API
//   advises; pod addresses are not modelled);
// - ports: protocol (default TCP), port number, named port (resolved against the destination pod's
//   containerPorts with that name and protocol; a named port never matches an external address),
//   endPort (a range), no port = every port of the protocol;
// - pod to pod is allowed when the source's egress AND the destination's ingress allow it; to an
//   external address only egress applies, from one only ingress.
// Allowed traffic is computed as port sets (per protocol, ranges) so "everything allowed" is a
// value that can be compared with what was declared.

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface Pod {
  /** `<namespace>/<Kind>/<name>` of the workload whose pods these are (or what created them). */
  readonly id: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly ContainerPort[];
}

export interface Namespace {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface NetworkPolicy {
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: any;
}

// ── port sets ─────────────────────────────────────────────────────────────────────────────────
/** Inclusive port ranges per protocol, sorted and disjoint. */
export type PortSet = Readonly<Record<Protocol, readonly (readonly [number, number])[]>>;

export const NO_PORTS: PortSet = { TCP: [], UDP: [], SCTP: [] };
export const ALL_PORTS: PortSet = { TCP: [[1, 65535]], UDP: [[1, 65535]], SCTP: [[1, 65535]] };

function normalise(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = [...ranges].filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function portSet(protocol: Protocol, from: number, to = from): PortSet {
  return { ...NO_PORTS, [protocol]: [[from, to]] };
}

export function union(a: PortSet, b: PortSet): PortSet {
  return Object.fromEntries(PROTOCOLS.map((p) => [p, normalise([...a[p], ...b[p]])])) as unknown as PortSet;
}

export function intersect(a: PortSet, b: PortSet): PortSet {
  const out: Record<Protocol, [number, number][]> = { TCP: [], UDP: [], SCTP: [] };
  for (const p of PROTOCOLS) {
    for (const [a1, a2] of a[p]) for (const [b1, b2] of b[p]) if (Math.max(a1, b1) <= Math.min(a2, b2)) out[p].push([Math.max(a1, b1), Math.min(a2, b2)]);
    out[p] = normalise(out[p]);
  }
  return out;
}

export function subtract(a: PortSet, b: PortSet): PortSet {
  const out: Record<Protocol, [number, number][]> = { TCP: [], UDP: [], SCTP: [] };
  for (const p of PROTOCOLS) {
    let current: [number, number][] = a[p].map(([x, y]) => [x, y]);
    for (const [b1, b2] of b[p]) {
      current = current.flatMap(([x, y]): [number, number][] => {
        if (b2 < x || b1 > y) return [[x, y]];
        return [
          ...(x < b1 ? [[x, b1 - 1] as [number, number]] : []),
          ...(b2 < y ? [[b2 + 1, y] as [number, number]] : []),
        ];
      });
    }
    out[p] = current;
  }
  return out;
}

export const isEmpty = (s: PortSet) => PROTOCOLS.every((p) => s[p].length === 0);

/** `TCP 80, 443-445; UDP 53`, or `all ports` / `nothing`. */
export function formatPorts(s: PortSet): string {
  if (isEmpty(s)) return 'nothing';
  if (PROTOCOLS.every((p) => s[p].length === 1 && s[p][0]![0] === 1 && s[p][0]![1] === 65535)) return 'all ports';
  return PROTOCOLS.filter((p) => s[p].length > 0)
    .map((p) => `${p} ${s[p].map(([a, b]) => (a === b ? `${a}` : a === 1 && b === 65535 ? 'all' : `${a}-${b}`)).join(', ')}`)
    .join('; ');
}

// ── IPv4 ──────────────────────────────────────────────────────────────────────────────────────
/** Half-open range [start, end) of IPv4 addresses as numbers. */
export type IpRange = readonly [number, number];

export function parseCidr(cidr: string): IpRange {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) throw new Error(`not an IPv4 CIDR: ${cidr}`);
  const bits = Number(m[5]);
  const address = ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
  const size = 2 ** (32 - bits);
  const start = Math.floor(address / size) * size;
  return [start, start + size];
}

export function formatIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** A range as the fewest CIDRs. */
export function rangeToCidrs([start, end]: IpRange): string[] {
  const out: string[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    while (at % (size * 2) === 0 && at + size * 2 <= end) size *= 2;
    out.push(`${formatIp(at)}/${32 - Math.log2(size)}`);
    at += size;
  }
  return out;
}

const within = (r: IpRange, outer: IpRange) => r[0] >= outer[0] && r[1] <= outer[1];

/** Addresses that are not on the internet: private, shared, loopback, link-local, this-network, multicast and reserved. */
export const NON_INTERNET = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16', '224.0.0.0/3'].map(parseCidr);

export const isInternet = (r: IpRange) => !NON_INTERNET.some((n) => within(r, n));

/**
 * The IPv4 space cut at every boundary the given CIDRs have: every ipBlock (and declared endpoint)
 * either contains an atom entirely or not at all, so evaluating one address per atom is exact.
 * The non-internet ranges are boundaries too, so an atom is wholly internet or wholly not.
 */
export function ipAtoms(cidrs: Iterable<string>): IpRange[] {
  const cuts = new Set<number>([0, 2 ** 32]);
  for (const c of cidrs) {
    const [a, b] = parseCidr(c);
    cuts.add(a);
    cuts.add(b);
  }
  for (const [a, b] of NON_INTERNET) {
    cuts.add(a);
    cuts.add(b);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((a, i) => [a, sorted[i + 1]!] as const);
}

// ── selectors and peers ───────────────────────────────────────────────────────────────────────
export function selects(selector: any, labels: Readonly<Record<string, string>>): boolean {
  if (selector === null || selector === undefined) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  }
  return true;
}

/** A traffic end: a pod, or an external address range (an atom). */
export type Peer = { readonly pod: Pod } | { readonly ip: IpRange };

export interface World {
  readonly namespaces: ReadonlyMap<string, Namespace>;
  readonly policies: readonly NetworkPolicy[];
}

function peerMatches(world: World, policyNamespace: string, peer: any, target: Peer): boolean {
  if (peer.ipBlock) {
    if (!('ip' in target)) return false;
    const cidr = parseCidr(peer.ipBlock.cidr);
    if (!within(target.ip, cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((e: string) => within(target.ip, parseCidr(e)));
  }
  if (!('pod' in target)) return false;
  const pod = target.pod;
  if (peer.namespaceSelector !== undefined && peer.namespaceSelector !== null) {
    const ns = world.namespaces.get(pod.namespace);
    if (!selects(peer.namespaceSelector, ns?.labels ?? { 'kubernetes.io/metadata.name': pod.namespace })) return false;
    return peer.podSelector === undefined || peer.podSelector === null || selects(peer.podSelector, pod.labels);
  }
  if (peer.podSelector !== undefined && peer.podSelector !== null) return pod.namespace === policyNamespace && selects(peer.podSelector, pod.labels);
  return false;
}

/** The ports a rule's `ports` admit towards `destination` (named ports resolve against a destination pod). */
export function rulePorts(ports: any[] | undefined, destination: Peer): PortSet {
  if (!ports || ports.length === 0) return ALL_PORTS;
  let out = NO_PORTS;
  for (const p of ports) {
    const protocol: Protocol = p.protocol ?? 'TCP';
    if (p.port === undefined || p.port === null) {
      out = union(out, portSet(protocol, 1, 65535));
    } else if (typeof p.port === 'number' || /^\d+$/.test(String(p.port))) {
      const port = Number(p.port);
      out = union(out, portSet(protocol, port, p.endPort ?? port));
    } else if ('pod' in destination) {
      for (const c of destination.pod.ports) if (c.name === p.port && c.protocol === protocol) out = union(out, portSet(protocol, c.port));
    }
  }
  return out;
}

export function policyTypes(policy: NetworkPolicy): string[] {
  return policy.spec.policyTypes ?? ['Ingress', ...(policy.spec.egress ? ['Egress'] : [])];
}

const isolatingCache = new WeakMap<World, WeakMap<Pod, Record<'Ingress' | 'Egress', NetworkPolicy[]>>>();

/** The policies that isolate `pod` in `direction` (memoised per world and pod: both are treated as immutable). */
export function isolating(world: World, pod: Pod, direction: 'Ingress' | 'Egress'): NetworkPolicy[] {
  let byPod = isolatingCache.get(world);
  if (!byPod) isolatingCache.set(world, (byPod = new WeakMap()));
  let hit = byPod.get(pod);
  if (!hit) {
    const selecting = world.policies.filter((p) => p.metadata.namespace === pod.namespace && selects(p.spec.podSelector ?? {}, pod.labels));
    hit = { Ingress: selecting.filter((p) => policyTypes(p).includes('Ingress')), Egress: selecting.filter((p) => policyTypes(p).includes('Egress')) };
    byPod.set(pod, hit);
  }
  return hit[direction];
}

/** What `source`'s egress allows towards `destination` (every port when nothing isolates it). */
export function egressAllowed(world: World, source: Pod, destination: Peer): PortSet {
  const policies = isolating(world, source, 'Egress');
  if (policies.length === 0) return ALL_PORTS;
  let out = NO_PORTS;
  for (const policy of policies) {
    for (const rule of policy.spec.egress ?? []) {
      const to: any[] = rule.to ?? [];
      if (to.length === 0 || to.some((peer) => peerMatches(world, policy.metadata.namespace, peer, destination))) out = union(out, rulePorts(rule.ports, destination));
    }
  }
  return out;
}

/** What `destination`'s ingress allows from `source`. */
export function ingressAllowed(world: World, destination: Pod, source: Peer): PortSet {
  const policies = isolating(world, destination, 'Ingress');
  if (policies.length === 0) return ALL_PORTS;
  let out = NO_PORTS;
  for (const policy of policies) {
    for (const rule of policy.spec.ingress ?? []) {
      const from: any[] = rule.from ?? [];
      if (from.length === 0 || from.some((peer) => peerMatches(world, policy.metadata.namespace, peer, source))) out = union(out, rulePorts(rule.ports, { pod: destination }));
    }
  }
  return out;
}

/** What may flow from `source` to `destination`: both ends' policies for pod to pod, one end's otherwise. */
export function allowed(world: World, source: Peer, destination: Peer): PortSet {
  if ('pod' in source && 'pod' in destination) return intersect(egressAllowed(world, source.pod, destination), ingressAllowed(world, destination.pod, source));
  if ('pod' in source) return egressAllowed(world, source.pod, destination);
  if ('pod' in destination) return ingressAllowed(world, destination.pod, source);
  return NO_PORTS;
}

/** Whether one connection (protocol, port) from `source` to `destination` is allowed. */
export function connects(world: World, source: Peer, destination: Peer, protocol: Protocol, port: number): boolean {
  return !isEmpty(intersect(allowed(world, source, destination), portSet(protocol, port)));
}
