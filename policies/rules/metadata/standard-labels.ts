import { podSpecsOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

export interface StandardLabelParams {
  /** Label keys every object and pod template must carry with a non-empty value. */
  readonly requiredKeys: readonly string[];
  /** Labels whose value is fixed for the whole platform. */
  readonly fixedValues: Readonly<Record<string, string>>;
  /** Label whose value must be the environment the object is rendered for. */
  readonly environmentLabel: string;
}

/** Written out here on purpose: the renderer's own label list is what this rule checks. */
export const STANDARD_LABEL_PARAMS: StandardLabelParams = {
  requiredKeys: [
    'app.kubernetes.io/name',
    'app.kubernetes.io/instance',
    'app.kubernetes.io/component',
    'app.kubernetes.io/part-of',
    'app.kubernetes.io/managed-by',
    'app.kubernetes.io/version',
    'gridata.io/environment',
  ],
  fixedValues: { 'app.kubernetes.io/part-of': 'gridata', 'app.kubernetes.io/managed-by': 'cdk8s' },
  environmentLabel: 'gridata.io/environment',
};

export const standardLabels: DocumentRule<StandardLabelParams> = {
  id: 'META-001',
  title: 'Objects and pod templates carry the standard labels with the expected values',
  severity: 'error',
  rationale: 'Dashboards, cost reports, NetworkPolicies and people find things by app.kubernetes.io/* and the environment label.',
  remediation: 'Set the standard labels (app.kubernetes.io/name, instance, component, part-of, managed-by, version and gridata.io/environment) on the object and its pod template, with the expected values.',
  family: 7,
  params: STANDARD_LABEL_PARAMS,
  scope: 'document',
  check: ({ env, object }, params) => {
    const problems = (labels: Record<string, string> | undefined): string[] => {
      const found: string[] = [];
      const missing = params.requiredKeys.filter((k) => !labels?.[k]);
      if (missing.length) found.push(`lacks ${missing.join(', ')}`);
      const expected: Record<string, string> = { ...params.fixedValues, [params.environmentLabel]: env };
      for (const [key, value] of Object.entries(expected)) {
        if (labels?.[key] && labels[key] !== value) found.push(`has ${key}=${labels[key]}, expected ${value}`);
      }
      return found;
    };
    const findings = problems(object.metadata.labels).map((p) => `metadata.labels ${p}`);
    for (const pod of podSpecsOf(object).filter((p) => p.metadata !== object.metadata)) {
      findings.push(...problems(pod.metadata.labels).map((p) => `pod template ${p}`));
    }
    return findings.map((message) => ({ message }));
  },
};
