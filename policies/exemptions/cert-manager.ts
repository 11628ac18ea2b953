// Exemptions for objects the upstream chart of component "cert-manager" renders into
// dist/<env>/cert-manager/ that cannot meet a rule: one entry per object and rule, with the reason
// and an expiry (no blanket ones).
import type { Exemption } from '../types';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'cert-manager';

export const EXEMPTIONS: readonly Exemption[] = [
  {
    rule: 'AVL-001',
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: 'cert-manager',
    reason:
      'cert-manager v1.21 templates no readinessProbe for the controller and has no value for one: the controller serves only /livez (its livenessProbe, set); it is leader-elected and receives no traffic but scrapes',
    expires: REVIEW_BY,
  },
  {
    rule: 'AVL-001',
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: 'cert-manager-cainjector',
    reason:
      'cert-manager v1.21 templates no probes for the CA injector and has no values for them; it serves no health endpoint (metrics only) and receives no traffic but scrapes: a leader-elected controller',
    expires: REVIEW_BY,
  },
  ...['cert-manager', 'cert-manager-cainjector'].map((name) => ({
    rule: 'kube-score:pod-probes',
    kind: 'Deployment',
    namespace: NAMESPACE,
    name,
    reason: 'cert-manager v1.21 has no readiness endpoint or value for the controller and CA injector (see AVL-001 above); the Services in front of them carry only metrics',
    expires: REVIEW_BY,
  })),
  ...['cert-manager', 'cert-manager-webhook', 'cert-manager-cainjector'].map((name) => ({
    rule: 'kube-score:deployment-replicas',
    envs: ['dev' as const],
    kind: 'Deployment',
    namespace: NAMESPACE,
    name,
    reason: 'dev runs one replica of each by sizing (environments/dev.yaml); staging and prod run two with a PDB',
    expires: REVIEW_BY,
  })),
];
