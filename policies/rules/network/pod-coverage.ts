import { matchesSelector } from '../../helpers';
import { podSpecsOf } from '../../pod-specs';
import type { EnvironmentRule, K8sObject } from '../../types';

export const podCoverage: EnvironmentRule = {
  id: 'NET-002',
  title: 'Every pod is selected by an explicit NetworkPolicy allowing its own flows',
  severity: 'error',
  rationale: 'Under default-deny a pod with no policy of its own can talk to nothing; one selected only by namespace-wide rules has unreviewed flows.',
  remediation: 'Render a NetworkPolicy whose podSelector matches these pods and allows exactly the flows they need.',
  family: 5,
  scope: 'environment',
  check: ({ documents }) => {
    const policies = documents.filter((d) => d.object.kind === 'NetworkPolicy').map((d) => d.object as K8sObject);
    return documents.flatMap((document) =>
      podSpecsOf(document.object)
        // NetworkPolicies do not apply to host-network pods (their traffic has the node's address).
        .filter((pod) => !pod.spec.hostNetwork)
        .filter((pod) => !policies.some((p) => p.metadata.namespace === document.object.metadata.namespace && matchesSelector(p.spec?.podSelector, pod.metadata.labels ?? {})))
        .map((pod) => ({ document, message: `${pod.path}: no NetworkPolicy with a podSelector selects these pods` })),
    );
  },
};
