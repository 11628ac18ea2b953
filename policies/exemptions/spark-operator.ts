// Exemptions for objects the upstream chart of component "spark-operator" renders into dist/<env>/spark-operator/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'spark-operator';

export const EXEMPTIONS: readonly Exemption[] = [
  {
    rule: 'kube-score:container-security-context-user-group-id',
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: 'spark-operator-controller',
    reason:
      "runs as the image's spark user (185): the controller runs spark-submit, whose Hadoop login fails for a uid without an /etc/passwd entry. Non-root, no privilege escalation, all capabilities dropped, read-only root",
    expires: REVIEW_BY,
  },
  {
    rule: 'kube-score:deployment-replicas',
    envs: ['dev'],
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: 'spark-operator-webhook',
    reason: 'dev runs one webhook by sizing (environments/dev.yaml); staging and prod run two with a PDB',
    expires: REVIEW_BY,
  },
];
