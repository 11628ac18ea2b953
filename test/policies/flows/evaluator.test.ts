// The NetworkPolicy evaluator against small fixtures: each feature of the API, allowed and denied.
import { describe, expect, it } from 'vitest';
import {
  ALL_PORTS,
  NO_PORTS,
  allowed,
  connects,
  formatPorts,
  intersect,
  ipAtoms,
  isInternet,
  parseCidr,
  portSet,
  rangeToCidrs,
  subtract,
  union,
  type NetworkPolicy,
  type Pod,
  type World,
} from '../../../policies/flows/evaluator';

const ns = (name: string, labels: Record<string, string> = {}) => [name, { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } }] as const;
const NAMESPACES = new Map([ns('shop', { team: 'web' }), ns('data', { team: 'data' }), ns('monitoring')]);

const pod = (namespace: string, labels: Record<string, string>, ports: Pod['ports'] = []): Pod => ({ id: `${namespace}/${JSON.stringify(labels)}`, namespace, labels, ports });
const api = pod('shop', { app: 'api', tier: 'web' }, [{ name: 'http', port: 8080, protocol: 'TCP' }, { name: 'dns', port: 5353, protocol: 'UDP' }]);
const web = pod('shop', { app: 'web', tier: 'web' });
const db = pod('data', { app: 'db' }, [{ name: 'pg', port: 5432, protocol: 'TCP' }]);
const prometheus = pod('monitoring', { app: 'prometheus' });

const policy = (namespace: string, name: string, spec: any): NetworkPolicy => ({ metadata: { name, namespace }, spec });
const world = (...policies: NetworkPolicy[]): World => ({ namespaces: NAMESPACES, policies });
const denyAll = (namespace: string) => policy(namespace, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const ip = (cidr: string) => ({ ip: parseCidr(cidr) });
const tcp = (w: World, from: Pod | { ip: readonly [number, number] }, to: Pod | { ip: readonly [number, number] }, port: number) =>
  connects(w, 'ip' in from ? from : { pod: from }, 'ip' in to ? to : { pod: to }, 'TCP', port);

describe('NetworkPolicy evaluator', () => {
  it('allows everything where no policy selects a pod, in each direction separately', () => {
    expect(tcp(world(), web, api, 8080)).toBe(true);
    expect(formatPorts(allowed(world(), { pod: web }, { pod: db }))).toBe('all ports');
    // Ingress isolation of api only: web's egress is still open, api's ingress is not.
    const w = world(policy('shop', 'api-in', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'] }));
    expect(tcp(w, web, api, 8080)).toBe(false);
    expect(tcp(w, api, web, 80)).toBe(true);
  });

  it('reads policyTypes: absent means Ingress, plus Egress when the policy has egress rules', () => {
    const ingressOnly = world(policy('shop', 'p', { podSelector: {} }));
    expect(tcp(ingressOnly, web, api, 8080)).toBe(false);
    expect(tcp(ingressOnly, api, db, 5432)).toBe(true);
    const withEgress = world(policy('shop', 'p', { podSelector: {}, ingress: [{}], egress: [{ to: [{ podSelector: {} }] }] }));
    expect(tcp(withEgress, api, db, 5432)).toBe(false);
    expect(tcp(withEgress, web, api, 8080)).toBe(true);
    const egressOnly = world(policy('shop', 'p', { podSelector: {}, policyTypes: ['Egress'] }));
    expect(tcp(egressOnly, api, db, 5432)).toBe(false);
    expect(tcp(egressOnly, prometheus, api, 8080)).toBe(true);
  });

  it('needs the source egress AND the destination ingress for pod to pod', () => {
    const ingressAllows = policy('data', 'db-in', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'web' } } }], ports: [{ port: 5432 }] }] });
    const egressAllows = policy('shop', 'api-out', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: { matchLabels: { team: 'data' } }, podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }] });
    expect(tcp(world(denyAll('shop'), denyAll('data'), ingressAllows), api, db, 5432)).toBe(false);
    expect(tcp(world(denyAll('shop'), denyAll('data'), egressAllows), api, db, 5432)).toBe(false);
    expect(tcp(world(denyAll('shop'), denyAll('data'), ingressAllows, egressAllows), api, db, 5432)).toBe(true);
    expect(tcp(world(denyAll('shop'), denyAll('data'), ingressAllows, egressAllows), web, db, 5432)).toBe(false);
  });

  it('matches podSelector matchLabels and every matchExpressions operator', () => {
    const selecting = (podSelector: any) => world(policy('shop', 'p', { podSelector, policyTypes: ['Ingress'] }));
    const isolated = (podSelector: any, target: Pod) => !tcp(selecting(podSelector), prometheus, target, 8080);
    expect(isolated({ matchLabels: { app: 'api' } }, api)).toBe(true);
    expect(isolated({ matchLabels: { app: 'api' } }, web)).toBe(false);
    expect(isolated({ matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'x'] }] }, api)).toBe(true);
    expect(isolated({ matchExpressions: [{ key: 'app', operator: 'In', values: ['x'] }] }, api)).toBe(false);
    expect(isolated({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] }, api)).toBe(false);
    expect(isolated({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['api'] }] }, web)).toBe(true);
    expect(isolated({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, web)).toBe(true);
    expect(isolated({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, web)).toBe(false);
    expect(isolated({ matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, api)).toBe(false);
    expect(isolated({}, api)).toBe(true);
  });

  it('scopes peers: podSelector alone = the policy namespace, namespaceSelector alone = whole namespaces, both = AND', () => {
    const dbIngress = (from: any[]) => world(policy('data', 'db-in', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from }] }));
    const samePodLabels = pod('data', { app: 'api', tier: 'web' });
    expect(tcp(dbIngress([{ podSelector: { matchLabels: { app: 'api' } } }]), api, db, 5432)).toBe(false);
    expect(tcp(dbIngress([{ podSelector: { matchLabels: { app: 'api' } } }]), samePodLabels, db, 5432)).toBe(true);
    expect(tcp(dbIngress([{ namespaceSelector: { matchLabels: { team: 'web' } } }]), web, db, 5432)).toBe(true);
    expect(tcp(dbIngress([{ namespaceSelector: { matchLabels: { team: 'web' } } }]), prometheus, db, 5432)).toBe(false);
    const both = [{ namespaceSelector: { matchLabels: { team: 'web' } }, podSelector: { matchLabels: { app: 'api' } } }];
    expect(tcp(dbIngress(both), api, db, 5432)).toBe(true);
    expect(tcp(dbIngress(both), web, db, 5432)).toBe(false);
    expect(tcp(dbIngress([{ namespaceSelector: {} }]), prometheus, db, 5432)).toBe(true);
    // A rule without peers matches every source, pods and addresses.
    expect(tcp(dbIngress([]), prometheus, db, 5432)).toBe(true);
    expect(tcp(world(policy('data', 'p', { podSelector: {}, ingress: [{}] })), ip('8.8.8.8/32'), db, 5432)).toBe(true);
  });

  it('matches ipBlock cidr minus except, for external addresses only', () => {
    const w = world(policy('shop', 'out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 443 }] }] }));
    expect(tcp(w, api, ip('10.2.3.4/32'), 443)).toBe(true);
    expect(tcp(w, api, ip('10.1.2.3/32'), 443)).toBe(false);
    expect(tcp(w, api, ip('11.0.0.1/32'), 443)).toBe(false);
    expect(tcp(w, api, ip('10.2.3.4/32'), 80)).toBe(false);
    expect(tcp(w, api, db, 443)).toBe(false);
    const inbound = world(policy('shop', 'in', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }));
    expect(tcp(inbound, ip('203.0.113.7/32'), api, 8080)).toBe(true);
    expect(tcp(inbound, web, api, 8080)).toBe(false);
  });

  it('resolves named ports against the destination pod, by name and protocol; endPort makes a range', () => {
    const ports = (p: any[]) => world(policy('shop', 'in', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: p }] }));
    expect(tcp(ports([{ port: 'http' }]), web, api, 8080)).toBe(true);
    expect(tcp(ports([{ port: 'http' }]), web, api, 8081)).toBe(false);
    expect(tcp(ports([{ port: 'http' }]), api, web, 8080)).toBe(false);
    expect(connects(ports([{ port: 'dns', protocol: 'UDP' }]), { pod: web }, { pod: api }, 'UDP', 5353)).toBe(true);
    expect(connects(ports([{ port: 'dns' }]), { pod: web }, { pod: api }, 'UDP', 5353)).toBe(false);
    expect(tcp(ports([{ port: 8000, endPort: 8100 }]), web, api, 8080)).toBe(true);
    expect(tcp(ports([{ port: 8000, endPort: 8100 }]), web, api, 8101)).toBe(false);
    expect(connects(ports([{ protocol: 'UDP' }]), { pod: web }, { pod: api }, 'UDP', 9)).toBe(true);
    expect(connects(ports([{ protocol: 'UDP' }]), { pod: web }, { pod: api }, 'TCP', 9)).toBe(false);
    // A named port never matches an external address.
    const out = world(policy('shop', 'out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] }));
    expect(tcp(out, web, ip('1.2.3.4/32'), 8080)).toBe(false);
    expect(tcp(out, web, api, 8080)).toBe(true);
  });

  it('adds the rules of every policy that selects a pod', () => {
    const a = policy('data', 'a', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 5432 }] }] });
    const b = policy('data', 'b', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 9187 }] }] });
    expect(formatPorts(allowed(world(a, b), { pod: prometheus }, { pod: db }))).toBe('TCP 5432, 9187');
  });
});

describe('port sets and addresses', () => {
  it('compute unions, intersections and differences of ranges', () => {
    const a = union(portSet('TCP', 80, 90), portSet('TCP', 85, 100));
    expect(formatPorts(a)).toBe('TCP 80-100');
    expect(formatPorts(intersect(a, portSet('TCP', 95, 200)))).toBe('TCP 95-100');
    expect(formatPorts(subtract(a, portSet('TCP', 85)))).toBe('TCP 80-84, 86-100');
    expect(formatPorts(subtract(ALL_PORTS, ALL_PORTS))).toBe('nothing');
    expect(formatPorts(NO_PORTS)).toBe('nothing');
    expect(formatPorts(subtract(ALL_PORTS, portSet('UDP', 1, 65535)))).toBe('TCP all; SCTP all');
  });

  it('cuts the address space at every boundary and names internet ranges', () => {
    expect(rangeToCidrs(parseCidr('10.20.0.16/28'))).toEqual(['10.20.0.16/28']);
    expect(rangeToCidrs([parseCidr('10.0.0.0/32')[0], parseCidr('10.0.0.3/32')[1]])).toEqual(['10.0.0.0/30']);
    expect(rangeToCidrs([parseCidr('10.0.0.1/32')[0], parseCidr('10.0.0.4/32')[1]])).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/32']);
    const atoms = ipAtoms(['10.20.0.16/28', '140.82.112.0/20']);
    expect(atoms.some((a) => rangeToCidrs(a).join() === '10.20.0.16/28')).toBe(true);
    expect(atoms.some((a) => rangeToCidrs(a).join() === '140.82.112.0/20')).toBe(true);
    expect(isInternet(parseCidr('140.82.112.0/20'))).toBe(true);
    expect(isInternet(parseCidr('10.20.0.16/28'))).toBe(false);
    expect(isInternet(parseCidr('169.254.169.254/32'))).toBe(false);
    expect(() => parseCidr('fd00::/8')).toThrow('not an IPv4 CIDR: fd00::/8');
  });
});
