// Zone spread for the HA components (Vault, MinIO, Postgres, Polaris): with more than one
// availability zone in the environment file (`cluster.zones`), their replicas spread evenly
// across zones (at most one more in any zone) on top of the one-per-node anti-affinity they
// already have; losing a zone then loses at most ⌈replicas / zones⌉ of them.
import type { Environment } from '../../environments/types';

export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  readonly labelSelector?: { readonly matchLabels: Record<string, string> };
}

/** True when an HA component of `replicas` pods spreads across zones in this environment. */
export function spreadsAcrossZones(env: Environment, replicas: number): boolean {
  return env.cluster.zones > 1 && replicas > 1;
}

/**
 * The zone constraint, or none. `labelSelector` is omitted for charts that fill in their own
 * selector (Polaris); hard (`DoNotSchedule`): a replica waits rather than share a zone unevenly.
 */
export function zoneSpread(env: Environment, replicas: number, matchLabels?: Record<string, string>): TopologySpreadConstraint[] {
  if (!spreadsAcrossZones(env, replicas)) return [];
  return [{ maxSkew: 1, topologyKey: ZONE_TOPOLOGY_KEY, whenUnsatisfiable: 'DoNotSchedule', ...(matchLabels ? { labelSelector: { matchLabels: { ...matchLabels } } } : {}) }];
}
