import { podSpecsOf } from '../../pod-specs';
import type { EnvironmentRule } from '../../types';

function isEmptySelector(selector: any): boolean {
  return selector !== undefined && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

export const defaultDeny: EnvironmentRule = {
  id: 'NET-001',
  title: 'Every namespace that runs pods has a default-deny ingress and egress NetworkPolicy',
  severity: 'error',
  rationale: 'Without a default deny every pod can reach every other pod and the internet; allows are only meaningful against a deny.',
  remediation: 'Render a NetworkPolicy named default-deny in the namespace with an empty podSelector, policyTypes [Ingress, Egress] and no rules.',
  family: 5,
  scope: 'environment',
  check: ({ documents }) => {
    const denied = new Set(
      documents
        .filter((d) => d.object.kind === 'NetworkPolicy')
        .filter((d) => isEmptySelector(d.object.spec?.podSelector))
        .filter((d) => ['Ingress', 'Egress'].every((t) => d.object.spec?.policyTypes?.includes(t)) && !d.object.spec.ingress && !d.object.spec.egress)
        .map((d) => d.object.metadata.namespace),
    );
    return documents
      .filter((d) => !d.reviewOnly && podSpecsOf(d.object).length > 0 && !denied.has(d.object.metadata.namespace))
      .map((document) => ({ document, message: `namespace ${document.object.metadata.namespace} has no default-deny NetworkPolicy` }));
  },
};
