// PodDisruptionBudgets for the chart's multi-replica Deployments: the datahub chart (1.1.0) has no
// PDB values for GMS or the frontend, so ours select the chart's pod labels. Rendered wherever a
// workload runs more than one replica (staging/prod per the environment files).
import type { Construct } from 'constructs';
import { IntOrString, KubePodDisruptionBudget } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { LABEL } from '../shared/labels';
import { DATAHUB_NAMESPACE, FRONTEND_PODS, GMS_PODS } from './constants';

export const DISRUPTION_BUDGETS = [
  { name: 'datahub-gms', workload: 'gms', pods: GMS_PODS },
  { name: 'datahub-frontend', workload: 'frontend', pods: FRONTEND_PODS },
] as const;

export function renderDisruptionBudgets(scope: Construct, env: Environment): void {
  for (const budget of DISRUPTION_BUDGETS) {
    if ((env.sizing.datahub[budget.workload].replicas ?? 1) < 2) continue;
    new KubePodDisruptionBudget(scope, `pdb-${budget.name}`, {
      metadata: { name: budget.name, namespace: DATAHUB_NAMESPACE, labels: { [LABEL.name]: 'datahub', [LABEL.component]: 'disruption-budget' } },
      spec: { maxUnavailable: IntOrString.fromNumber(1), selector: { matchLabels: { ...budget.pods } } },
    });
  }
}
