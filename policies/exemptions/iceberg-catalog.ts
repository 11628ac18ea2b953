// Exemptions for objects the upstream chart of component "iceberg-catalog" renders into dist/<env>/iceberg-catalog/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

const REVIEW_BY = '2027-03-31';
const NAMESPACE = 'iceberg-catalog';

export const EXEMPTIONS: readonly Exemption[] = [
  {
    rule: 'SEC-002',
    kind: 'ConfigMap',
    namespace: NAMESPACE,
    name: 'polaris',
    reason:
      'polaris.authentication.token-broker.max-token-generation=PT1H is the ISO-8601 lifetime of the tokens Polaris issues (chart 1.7 default), not a credential; the key only contains "token"',
    expires: REVIEW_BY,
  },
  {
    rule: 'kube-score:deployment-replicas',
    envs: ['dev'],
    kind: 'Deployment',
    namespace: NAMESPACE,
    name: 'polaris',
    reason: 'dev runs one Polaris by sizing (environments/dev.yaml); staging runs two and prod three, spread, with a PDB',
    expires: REVIEW_BY,
  },
];
