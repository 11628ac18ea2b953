// The Route53 keys of the ACME DNS-01 solver (ingress.issuer.acme): a Secret in cert-manager's
// namespace (where a ClusterIssuer's secrets are read), kept in sync from Vault by VSO.
import type { Environment } from '../../environments/types';
import { vaultPath, type SyncedSecret } from '../shared/vault-secrets';
import { CERT_MANAGER_NAMESPACE, ROUTE53_SECRET } from './constants';

export function route53Secret(env: Environment): SyncedSecret[] {
  if (env.ingress.issuer === 'privateCA') return [];
  return [
    {
      kind: 'synced',
      namespace: CERT_MANAGER_NAMESPACE,
      secretName: ROUTE53_SECRET,
      path: vaultPath(env, 'cert-manager', 'route53'),
      rolloutRestartTargets: [{ kind: 'Deployment', name: 'cert-manager' }],
    },
  ];
}
