// The flows a change opens or closes, for the rendered diff: everything the NetworkPolicies of each
// environment allow (pod to pod, pod to external address ranges, external to pod; evaluator of
// policies/flows) before and after, compared. Declarations play no part: this is what the cluster
// would let through.
import { ENVIRONMENTS, type EnvName } from '../../environments/catalog';
import type { FileMap } from '../../render/pipeline';
import { renderedFromFiles } from '../../policies/load-rendered';
import { allowed, egressAllowed, formatPorts, ingressAllowed, ipAtoms, isEmpty, rangeToCidrs, type World } from '../../policies/flows/evaluator';
import { inventory } from '../../policies/flows/pods';

/** `from → to: ports` for every allowed flow of one environment (external ranges merged per pod and ports). */
export function allowedFlows(env: EnvName, files: FileMap): Set<string> {
  const rendered = renderedFromFiles(env, [...files].filter(([path]) => path.startsWith(`${env}/`)));
  const inv = inventory(rendered);
  const world: World = { namespaces: inv.namespaces, policies: inv.policies };
  const out = new Set<string>();
  for (const s of inv.pods) {
    for (const d of inv.pods) {
      const ports = allowed(world, { pod: s }, { pod: d });
      if (!isEmpty(ports)) out.add(`${s.id} → ${d.id}: ${formatPorts(ports)}`);
    }
  }
  const cidrs = inv.policies.flatMap((p) => [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])].flatMap((r: any) => [...(r.from ?? []), ...(r.to ?? [])]).flatMap((peer: any) => (peer.ipBlock ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])] : [])));
  const atoms = ipAtoms(cidrs.filter((c: string) => !c.includes(':')));
  for (const pod of inv.pods) {
    for (const [direction, of] of [['out', (atom: readonly [number, number]) => egressAllowed(world, pod, { ip: atom })], ['in', (atom: readonly [number, number]) => ingressAllowed(world, pod, { ip: atom })]] as const) {
      let run: { start: number; end: number; ports: string } | undefined;
      const flush = () => {
        if (!run) return;
        const range = rangeToCidrs([run.start, run.end]);
        const shown = range.length > 4 ? `${range.slice(0, 3).join(',')},… (${range.length} CIDRs)` : range.join(',');
        out.add(direction === 'out' ? `${pod.id} → ${shown}: ${run.ports}` : `${shown} → ${pod.id}: ${run.ports}`);
        run = undefined;
      };
      for (const atom of atoms) {
        const ports = of(atom);
        if (isEmpty(ports)) {
          flush();
          continue;
        }
        const shown = formatPorts(ports);
        if (run && run.end === atom[0] && run.ports === shown) run.end = atom[1];
        else {
          flush();
          run = { start: atom[0], end: atom[1], ports: shown };
        }
      }
      flush();
    }
  }
  return out;
}

export interface FlowChanges {
  readonly env: EnvName;
  /** `from → to: ports` newly allowed. */
  readonly opened: string[];
  /** `from → to: ports` no longer allowed. */
  readonly closed: string[];
  /** `from → to: ports before ⇒ ports after`, still allowed on other ports. */
  readonly changed: string[];
}

const split = (flows: Set<string>) => new Map([...flows].map((f) => [f.slice(0, f.lastIndexOf(': ')), f.slice(f.lastIndexOf(': ') + 2)] as const));

export function flowChanges(base: FileMap, head: FileMap): FlowChanges[] {
  return ENVIRONMENTS.map((env) => {
    const [before, after] = [split(allowedFlows(env, base)), split(allowedFlows(env, head))];
    const opened = [...after].filter(([k]) => !before.has(k)).map(([k, v]) => `${k}: ${v}`).sort();
    const closed = [...before].filter(([k]) => !after.has(k)).map(([k, v]) => `${k}: ${v}`).sort();
    const changed = [...after].filter(([k, v]) => before.has(k) && before.get(k) !== v).map(([k, v]) => `${k}: ${before.get(k)} ⇒ ${v}`).sort();
    return { env, opened, closed, changed };
  });
}

/** The Markdown section of the rendered diff; empty when no environment's flows change. */
export function flowChangesMarkdown(changes: readonly FlowChanges[], limit = 40): string {
  const changed = changes.filter((c) => c.opened.length + c.closed.length + c.changed.length > 0);
  if (changed.length === 0) return '';
  const lines = ['### Network flows', '', 'What the NetworkPolicies let through, before and after (`npm run flows` checks it against the declared flows):', ''];
  for (const c of changed) {
    lines.push(`**${c.env}**: ${c.opened.length} opened, ${c.closed.length} closed, ${c.changed.length} with other ports`, '');
    for (const [sign, list] of [['+', c.opened], ['-', c.closed], ['~', c.changed]] as const) {
      for (const f of list.slice(0, limit)) lines.push(`- ${sign} \`${f}\``);
      if (list.length > limit) lines.push(`- ${sign} … ${list.length - limit} more`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
