// Argo CD sync waves from the component dependency graph: a component's wave is one more than
// the highest wave among what it depends on (and what it is ordered after, when that is deployed
// too), so CRDs and operators always sync first.
import type { ComponentDefinition } from '../charts/shared/component';

export function syncWaves(components: readonly ComponentDefinition[]): Map<string, number> {
  const byId = new Map(components.map((c) => [c.id, c]));
  const waves = new Map<string, number>();
  const visiting = new Set<string>();
  const waveOf = (id: string, chain: string[]): number => {
    const known = waves.get(id);
    if (known !== undefined) return known;
    const component = byId.get(id);
    if (!component) throw new Error(`${chain.join(' → ')} depends on unknown component "${id}"`);
    if (visiting.has(id)) throw new Error(`dependency cycle: ${[...chain, id].join(' → ')}`);
    visiting.add(id);
    // `orderedAfter` counts only for components deployed here (those in `components`).
    const after = [...component.dependsOn, ...(component.orderedAfter ?? []).filter((d) => byId.has(d))];
    const wave = after.length === 0 ? 0 : 1 + Math.max(...after.map((d) => waveOf(d, [...chain, id])));
    visiting.delete(id);
    waves.set(id, wave);
    return wave;
  };
  for (const c of components) waveOf(c.id, []);
  return waves;
}
