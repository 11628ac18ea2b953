import type { EnvironmentRule, K8sObject } from '../../types';

const REPLICATED_KINDS = ['Deployment', 'StatefulSet'];
export const HA_ENVIRONMENTS = ['staging', 'prod'];

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

export const disruptionBudgets: EnvironmentRule = {
  id: 'AVL-002',
  title: 'Multi-replica workloads in staging and prod have a PodDisruptionBudget',
  severity: 'error',
  rationale: 'Node drains would otherwise evict every replica at once and turn maintenance into an outage.',
  remediation: 'Render a PodDisruptionBudget (e.g. maxUnavailable: 1) in the same namespace whose selector matches the pod template labels.',
  family: 4,
  scope: 'environment',
  check: ({ env, documents }) => {
    if (!HA_ENVIRONMENTS.includes(env)) return [];
    const pdbs = documents.filter((d) => d.object.kind === 'PodDisruptionBudget').map((d) => d.object);
    return documents
      .filter((d) => REPLICATED_KINDS.includes(d.object.kind) && (d.object.spec?.replicas ?? 1) > 1)
      .filter((d) => !pdbs.some((p: K8sObject) => p.metadata.namespace === d.object.metadata.namespace && selects(p.spec?.selector?.matchLabels, d.object.spec?.template?.metadata?.labels)))
      .map((document) => ({ document, message: `${document.object.spec.replicas} replicas but no PodDisruptionBudget selects its pods` }));
  },
};
