// The repository's one exemption mechanism, for our rules and for kube-linter/kube-score
// findings alike: object + rule + reason + expiry. Expired or unused entries fail the build.
import type { Exemption } from './types';

export const EXEMPTIONS: readonly Exemption[] = [
  {
    rule: 'ARGO-005',
    envs: ['staging'],
    kind: 'Application',
    namespace: 'argocd',
    name: 'staging-airflow',
    reason: 'control-plane: the Airflow metadata-DB Pooler needs the CloudNativePG operator, whose component the data plane is adding; airflow will depend on it then',
    expires: '2026-12-15',
  },
  {
    rule: 'ARGO-005',
    envs: ['prod'],
    kind: 'Application',
    namespace: 'argocd',
    name: 'prod-airflow',
    reason: 'control-plane: the Airflow metadata-DB Pooler needs the CloudNativePG operator, whose component the data plane is adding; airflow will depend on it then',
    expires: '2026-12-15',
  },
];
