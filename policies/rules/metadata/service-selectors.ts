import type { EnvironmentRule, RenderedDocument } from '../../types';
import { podSpecsOf } from '../../pod-specs';
import { matchesSelector } from '../../helpers';
import { operatorPodsOf } from '../../operator-pods';
import { selfLabelledPods } from '../../self-labelled-pods';

export const serviceSelectsPods: EnvironmentRule = {
  id: 'META-004',
  title: 'Every Service selector matches a pod template in its namespace',
  severity: 'error',
  rationale:
    'A Service that selects nothing has no endpoints and fails silently. Pods count from workload templates, from the custom resources an operator turns into pods with labels it promises (policies/operator-pods.ts) and with the labels software sets on its own pods (policies/self-labelled-pods.ts).',
  remediation: 'Fix the Service selector (or the pod template labels) so it matches the pods it should route to, in the same namespace.',
  family: 7,
  scope: 'environment',
  check: ({ documents }) => {
    const templates = documents.flatMap((d) => [
      ...podSpecsOf(d.object).map((p) => ({ ns: d.object.metadata.namespace, labels: p.metadata.labels ?? {} })),
      ...operatorPodsOf(d.object).map((p) => ({ ns: p.namespace, labels: p.labels })),
    ]);
    templates.push(...selfLabelledPods(documents.map((d) => d.object)).map((p) => ({ ns: p.namespace, labels: p.labels })));
    return documents
      .filter((d) => d.object.kind === 'Service' && d.object.spec?.selector && Object.keys(d.object.spec.selector).length > 0)
      .filter((d: RenderedDocument) => !templates.some((t) => t.ns === d.object.metadata.namespace && matchesSelector({ matchLabels: d.object.spec.selector }, t.labels)))
      .map((document) => ({ document, message: `selector ${JSON.stringify(document.object.spec.selector)} matches no pod template in ${document.object.metadata.namespace}` }));
  },
};
