// Exemptions for objects the upstream chart of component "argocd" renders into dist/<env>/argocd/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

export const EXEMPTIONS: readonly Exemption[] = [
  {
    rule: 'AVL-001',
    kind: 'StatefulSet',
    namespace: 'argocd',
    name: 'argocd-application-controller',
    reason:
      'argo-cd 10.1 templates no livenessProbe for the application controller and has no value for one (Argo CD leaves it out on purpose: a long reconciliation would get the controller killed); its readinessProbe on /healthz is set',
    expires: '2027-03-31',
  },
];
