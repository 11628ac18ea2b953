import type { DocumentRule } from '../../types';
import { HIGH_AVAILABILITY_PARAMS, type HighAvailabilityParams } from './disruption-budgets';

export const spread: DocumentRule<HighAvailabilityParams> = {
  id: 'AVL-003',
  title: 'Multi-replica workloads in staging and prod spread across nodes',
  severity: 'error',
  rationale: 'Replicas scheduled onto one node fail together; anti-affinity or topology spread keeps one node loss survivable.',
  remediation: 'Add pod anti-affinity or a topologySpreadConstraint on kubernetes.io/hostname (or topology.kubernetes.io/zone).',
  family: 4,
  params: HIGH_AVAILABILITY_PARAMS,
  scope: 'document',
  check: ({ env, object }, params) => {
    if (!params.environments.includes(env) || !params.replicatedKinds.includes(object.kind)) return [];
    if ((object.spec?.replicas ?? 1) <= 1) return [];
    const pod = object.spec?.template?.spec ?? {};
    const hasAntiAffinity = Boolean(pod.affinity?.podAntiAffinity);
    const hasSpread = (pod.topologySpreadConstraints ?? []).some((t: any) => t.topologyKey === 'kubernetes.io/hostname' || t.topologyKey === 'topology.kubernetes.io/zone');
    return hasAntiAffinity || hasSpread ? [] : [{ message: `${object.spec.replicas} replicas without pod anti-affinity or topology spread constraints` }];
  },
};
