import { STANDARD_LABEL_KEYS } from '../../../charts/shared/labels';
import { podSpecsOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

export const standardLabels: DocumentRule = {
  id: 'META-001',
  title: 'Objects and pod templates carry the standard labels',
  severity: 'error',
  rationale: 'Dashboards, cost reports, NetworkPolicies and people find things by app.kubernetes.io/* and the environment label.',
  remediation: 'Set the standard labels (app.kubernetes.io/name, instance, component, part-of, managed-by, version and gridata.io/environment) on the object and its pod template, with the expected values.',
  family: 7,
  scope: 'document',
  check: ({ object }) => {
    const missing = (labels: Record<string, string> | undefined) => STANDARD_LABEL_KEYS.filter((k) => !labels?.[k]);
    const findings: string[] = [];
    const onObject = missing(object.metadata.labels);
    if (onObject.length) findings.push(`metadata.labels lacks ${onObject.join(', ')}`);
    for (const pod of podSpecsOf(object).filter((p) => p.metadata !== object.metadata)) {
      const onTemplate = missing(pod.metadata.labels);
      if (onTemplate.length) findings.push(`pod template lacks ${onTemplate.join(', ')}`);
    }
    return findings.map((message) => ({ message }));
  },
};
