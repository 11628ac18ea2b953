// Mermaid graphs of the declared flows: one node per workload endpoint (grouped by namespace) or
// external endpoint, one edge per (source, destination) with its ports; and a summary with one
// node per namespace or external endpoint, for the README. The DNS flows every namespace has are
// left out of both (they would connect everything to kube-system).
import { isExternal, type Flow, type FlowEndpoint } from '../../charts/shared/flows';

const id = (text: string) => text.replace(/[^A-Za-z0-9]/g, '_');
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isDns = (f: Flow) => f.renderedBy === 'namespaces';

function edges(flows: readonly Flow[], key: (e: FlowEndpoint) => string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const f of flows.filter((f) => !isDns(f))) {
    const edge = `${key(f.from)}\0${key(f.to)}`;
    const ports = out.get(edge) ?? new Set<string>();
    ports.add(`${f.protocol === 'TCP' ? '' : `${f.protocol} `}${f.port}${f.endPort ? `-${f.endPort}` : ''}`);
    out.set(edge, ports);
  }
  return out;
}

const portList = (ports: Set<string>) => [...ports].sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')) || compare(a, b)).join(', ');

/** Workload-level graph of `flows`. */
export function mermaidGraph(flows: readonly Flow[]): string {
  const key = (e: FlowEndpoint) => (isExternal(e) ? `external:${e.external}` : `${e.namespace}/${e.name}`);
  const namespaces = new Map<string, Set<string>>();
  const externals = new Set<string>();
  for (const f of flows.filter((f) => !isDns(f))) {
    for (const e of [f.from, f.to]) {
      if (isExternal(e)) externals.add(e.external);
      else namespaces.set(e.namespace, (namespaces.get(e.namespace) ?? new Set()).add(e.name));
    }
  }
  const lines = ['flowchart LR'];
  for (const ns of [...namespaces.keys()].sort(compare)) {
    lines.push(`  subgraph ${id(`ns_${ns}`)}["${ns}"]`);
    for (const name of [...namespaces.get(ns)!].sort(compare)) lines.push(`    ${id(`${ns}/${name}`)}["${name}"]`);
    lines.push('  end');
  }
  for (const e of [...externals].sort(compare)) lines.push(`  ${id(`external:${e}`)}(["${e}"])`);
  for (const [edge, ports] of [...edges(flows, key)].sort(([a], [b]) => compare(a, b))) {
    const [from, to] = edge.split('\0') as [string, string];
    lines.push(`  ${id(from)} -->|"${portList(ports)}"| ${id(to)}`);
  }
  return lines.join('\n');
}

/** Namespace-level summary: one node per namespace or external endpoint. */
export function mermaidSummary(flows: readonly Flow[]): string {
  const key = (e: FlowEndpoint) => (isExternal(e) ? `external:${e.external}` : `ns:${e.namespace}`);
  const nodes = new Set<string>();
  const all = edges(flows, key);
  for (const edge of all.keys()) edge.split('\0').forEach((n) => nodes.add(n));
  const lines = ['flowchart LR'];
  for (const n of [...nodes].sort(compare)) lines.push(n.startsWith('external:') ? `  ${id(n)}(["${n.slice(9)}"])` : `  ${id(n)}["${n.slice(3)}"]`);
  for (const [edge, ports] of [...all].sort(([a], [b]) => compare(a, b))) {
    const [from, to] = edge.split('\0') as [string, string];
    lines.push(`  ${id(from)} -->|"${portList(ports)}"| ${id(to)}`);
  }
  return lines.join('\n');
}
