import type { DocumentRule } from '../../types';
import { isSparkApplication, sparkPodsOf } from './spark-applications';

const SECCOMP = ['RuntimeDefault', 'Localhost'];

export const sparkPodSecurity: DocumentRule = {
  id: 'PIPE-005',
  title: 'Spark driver and executor meet the restricted Pod Security profile and name their ServiceAccount',
  severity: 'error',
  rationale: 'spark-jobs enforces the restricted profile: a Spark pod without it is refused at creation, mid-run for executors.',
  remediation: 'Give driver and executor a serviceAccount, runAsNonRoot with a non-zero runAsUser, a RuntimeDefault seccomp profile, allowPrivilegeEscalation: false and capabilities.drop [ALL].',
  family: 2,
  scope: 'document',
  check: ({ object }) => {
    if (!isSparkApplication(object)) return [];
    const findings: string[] = [];
    for (const { path, pod } of sparkPodsOf(object)) {
      const podSc = pod.podSecurityContext ?? {};
      const sc = pod.securityContext ?? {};
      if (!pod.serviceAccount) findings.push(`${path}.serviceAccount is missing`);
      if (podSc.runAsNonRoot !== true && sc.runAsNonRoot !== true) findings.push(`${path}: runAsNonRoot must be true`);
      const uid = sc.runAsUser ?? podSc.runAsUser;
      if (uid === undefined || uid === 0) findings.push(`${path}: runAsUser must be a non-zero uid, found ${JSON.stringify(uid)}`);
      const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
      if (!SECCOMP.includes(seccomp)) findings.push(`${path}: seccompProfile.type must be RuntimeDefault or Localhost, found ${JSON.stringify(seccomp)}`);
      if (sc.allowPrivilegeEscalation !== false) findings.push(`${path}.securityContext.allowPrivilegeEscalation must be false`);
      if (sc.privileged === true) findings.push(`${path}.securityContext.privileged must not be true`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) findings.push(`${path}.securityContext.capabilities.drop must include ALL`);
    }
    return findings.map((message) => ({ message }));
  },
};
