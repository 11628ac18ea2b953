// Exemptions for objects the upstream chart of component "cnpg" renders into dist/<env>/cnpg/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'cnpg-system';
const OPERATOR = 'cnpg-cloudnative-pg';

export const EXEMPTIONS: readonly Exemption[] = [
  {
    rule: 'kube-score:pod-probes-identical',
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: OPERATOR,
    reason: "chart 0.26 templates liveness, readiness and startup probes all on the webhook's /readyz (the only health endpoint the operator serves); values set only their timings",
    expires: REVIEW_BY,
  },
  {
    rule: 'kube-score:deployment-replicas',
    envs: ['dev'],
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: OPERATOR,
    reason: 'dev runs one leader-elected operator by sizing (environments/dev.yaml); staging and prod run two with a PDB',
    expires: REVIEW_BY,
  },
];
