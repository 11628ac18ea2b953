import type { DocumentRule } from '../../types';
import { isSparkApplication, sparkPodsOf } from './spark-applications';

// What the Spark pods need beyond the Pod Security Standards. Whether the driver and executor pods,
// built as the operator builds them, meet their namespace's Pod Security level is PSS-001's judgement
// (policies/spark-pods.ts); this rule keeps what admission does not check.
export const sparkPodSecurity: DocumentRule = {
  id: 'PIPE-005',
  title: 'Spark driver and executor name their ServiceAccount and a numeric uid',
  severity: 'error',
  rationale: 'Without a serviceAccount the pods run as the namespace default (no Vault role binds it); without a numeric uid the kubelet cannot verify runAsNonRoot against the image\'s user name, and the pod fails to start mid-run for executors.',
  remediation: 'Give driver and executor a serviceAccount and set runAsUser (the image\'s numeric uid, 185 for Spark) in podSecurityContext or securityContext.',
  family: 2,
  scope: 'document',
  check: ({ object }) => {
    if (!isSparkApplication(object)) return [];
    const findings: string[] = [];
    for (const { path, pod } of sparkPodsOf(object)) {
      if (!pod.serviceAccount) findings.push(`${path}.serviceAccount is missing`);
      if ((pod.securityContext?.runAsUser ?? pod.podSecurityContext?.runAsUser) === undefined) {
        findings.push(`${path}: runAsUser is not set in podSecurityContext or securityContext`);
      }
    }
    return findings.map((message) => ({ message }));
  },
};
