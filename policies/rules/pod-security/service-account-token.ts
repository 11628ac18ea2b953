import { podSpecsOf } from '../../pod-specs';
import type { EnvironmentRule, RenderedDocument } from '../../types';

const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'];

export const serviceAccountToken: EnvironmentRule = {
  id: 'PSS-003',
  title: 'Pods mount a service-account token only when their ServiceAccount is granted API access',
  severity: 'error',
  rationale: 'An unused API token in every pod is a credential an attacker gets for free.',
  remediation: 'Set automountServiceAccountToken explicitly: false unless a RoleBinding/ClusterRoleBinding grants the ServiceAccount API access.',
  family: 2,
  scope: 'environment',
  check: ({ documents }) => {
    const bound = new Set<string>();
    for (const { object } of documents.filter((d) => BINDING_KINDS.includes(d.object.kind))) {
      for (const subject of object.subjects ?? []) {
        if (subject.kind === 'ServiceAccount') bound.add(`${subject.namespace ?? object.metadata.namespace}/${subject.name}`);
      }
    }
    const findings: { message: string; document: RenderedDocument }[] = [];
    for (const doc of documents) {
      for (const pod of podSpecsOf(doc.object)) {
        const sa = pod.spec.serviceAccountName ?? 'default';
        const key = `${doc.object.metadata.namespace}/${sa}`;
        const mounts = pod.spec.automountServiceAccountToken;
        if (mounts === undefined) {
          findings.push({ document: doc, message: `${pod.path}.automountServiceAccountToken is not set explicitly` });
        } else if (mounts === true && !bound.has(key)) {
          findings.push({ document: doc, message: `${pod.path} mounts a token for ServiceAccount ${sa}, which no RoleBinding or ClusterRoleBinding grants anything` });
        }
      }
    }
    return findings;
  },
};
