import { HA_ENVIRONMENTS, matchLabelsSelect } from '../../helpers';
import type { EnvironmentRule, K8sObject } from '../../types';

export interface HighAvailabilityParams {
  /** Environments whose multi-replica workloads must survive a node drain. */
  readonly environments: readonly string[];
  /** Workload kinds whose replicas are checked. */
  readonly replicatedKinds: readonly string[];
}

export const HIGH_AVAILABILITY_PARAMS: HighAvailabilityParams = { environments: HA_ENVIRONMENTS, replicatedKinds: ['Deployment', 'StatefulSet'] };

export const disruptionBudgets: EnvironmentRule<HighAvailabilityParams> = {
  id: 'AVL-002',
  title: 'Multi-replica workloads in staging and prod have a PodDisruptionBudget',
  severity: 'error',
  rationale: 'Node drains would otherwise evict every replica at once and turn maintenance into an outage.',
  remediation: 'Render a PodDisruptionBudget (e.g. maxUnavailable: 1) in the same namespace whose selector matches the pod template labels.',
  family: 4,
  params: HIGH_AVAILABILITY_PARAMS,
  scope: 'environment',
  check: ({ env, documents }, params) => {
    if (!params.environments.includes(env)) return [];
    const pdbs = documents.filter((d) => d.object.kind === 'PodDisruptionBudget').map((d) => d.object);
    return documents
      .filter((d) => params.replicatedKinds.includes(d.object.kind) && (d.object.spec?.replicas ?? 1) > 1)
      .filter((d) => !pdbs.some((p: K8sObject) => p.metadata.namespace === d.object.metadata.namespace && matchLabelsSelect(p.spec?.selector?.matchLabels, d.object.spec?.template?.metadata?.labels)))
      .map((document) => ({ document, message: `${document.object.spec.replicas} replicas but no PodDisruptionBudget selects its pods` }));
  },
};
