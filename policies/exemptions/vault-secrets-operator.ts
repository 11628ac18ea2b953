// Exemptions for objects the upstream chart of component "vault-secrets-operator" renders into dist/<env>/vault-secrets-operator/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'vault-secrets-operator';
const CONTROLLER = 'vault-secrets-operator-controller-manager';

export const EXEMPTIONS: readonly Exemption[] = [
  {
    rule: 'AVL-001',
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: CONTROLLER,
    reason:
      "chart 1.4 templates no probes (and has no value for them) on the kube-rbac-proxy sidecar, which authenticates every request on its only listener, so a kubelet HTTP probe would get 401; the manager container's /healthz and /readyz probes carry the pod's health",
    expires: REVIEW_BY,
  },
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
