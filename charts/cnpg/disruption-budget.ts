// The operator's PodDisruptionBudget: cloudnative-pg 0.26.0 has neither a PDB template nor a value
// for one, so ours selects the chart's operator pod labels. Rendered wherever the operator runs
// more than one replica (staging/prod per the environment files).
import type { Construct } from 'constructs';
import { IntOrString, KubePodDisruptionBudget } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { LABEL } from '../shared/labels';
import { CNPG_NAMESPACE } from './network-policies';
import { CNPG_OPERATOR_POD_LABELS } from './values';

export function renderCnpgDisruptionBudget(scope: Construct, env: Environment): void {
  if ((env.sizing.cnpg.operator.replicas ?? 1) < 2) return;
  new KubePodDisruptionBudget(scope, 'pdb-cnpg-operator', {
    metadata: { name: 'cnpg-operator', namespace: CNPG_NAMESPACE, labels: { [LABEL.name]: 'cnpg', [LABEL.component]: 'disruption-budget' } },
    spec: { maxUnavailable: IntOrString.fromNumber(1), selector: { matchLabels: { ...CNPG_OPERATOR_POD_LABELS } } },
  });
}
