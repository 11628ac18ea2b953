// Exemptions for objects the upstream chart of component "vault-secrets-operator" renders into dist/<env>/vault-secrets-operator/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'vault-secrets-operator';
const CONTROLLER = 'vault-secrets-operator-controller-manager';

export const EXEMPTIONS: readonly Exemption[] = [
  {
    rule: 'kube-score:deployment-replicas',
    envs: ['dev'],
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: CONTROLLER,
    reason: 'dev runs one leader-elected controller by sizing (environments/dev.yaml); staging and prod run two with a PDB',
    expires: REVIEW_BY,
  },
];
