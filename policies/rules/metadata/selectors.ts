import type { DocumentRule } from '../../types';
import { matchesSelector } from '../../helpers';

const SELECTOR_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];
export interface SelectorParams {
  /** Labels derived from code structure (construct paths), which change on refactoring. */
  readonly generatedLabels: readonly string[];
}

export const SELECTOR_PARAMS: SelectorParams = { generatedLabels: ['cdk8s.io/metadata.addr'] };

export const selectorMatchesTemplate: DocumentRule<SelectorParams> = {
  id: 'META-003',
  title: 'Workload selectors match their pod template labels and use no generated labels',
  severity: 'error',
  rationale: 'A selector that misses its template is refused by the API server; one built on construct-path hashes changes when code is refactored, and selectors are immutable.',
  remediation: 'Select on stable labels (app.kubernetes.io/name, instance, component) that the pod template also carries; never on cdk8s.io/metadata.addr.',
  family: 7,
  params: SELECTOR_PARAMS,
  scope: 'document',
  check: ({ object }, params) => {
    if (!SELECTOR_KINDS.includes(object.kind)) return [];
    const selector = object.spec?.selector;
    if (!selector) return [{ message: 'spec.selector is missing' }];
    const findings: string[] = [];
    for (const label of params.generatedLabels) {
      if (Object.keys(selector.matchLabels ?? {}).includes(label)) findings.push(`spec.selector uses the generated label ${label}`);
    }
    if (!matchesSelector(selector, object.spec?.template?.metadata?.labels ?? {})) findings.push('spec.selector does not match spec.template.metadata.labels');
    return findings.map((message) => ({ message }));
  },
};
