// Argo CD single sign-on: OpenID Connect against the environment's identity provider (sso.*), the
// client secret from Vault (<env>/argocd/oidc, key clientSecret) through a VSO-synced Secret that Argo
// CD resolves by its `$<secret>:<key>` reference (only Secrets labelled part-of argocd), the groups
// of the claim the IdP sends bound to roles (rbac.ts), and the built-in admin only in dev.
import { stringify } from 'yaml';
import type { Environment } from '../../environments/types';
import { vaultPath, type SyncedSecret } from '../shared/vault-secrets';
import { ARGOCD_NAMESPACE } from './constants';

export const OIDC_SECRET = 'gridata-argocd-oidc';
export const OIDC_SECRET_KEY = 'clientSecret';

export function oidcSecret(env: Environment): SyncedSecret {
  return {
    kind: 'synced',
    namespace: ARGOCD_NAMESPACE,
    secretName: OIDC_SECRET,
    path: vaultPath(env, 'argocd', 'oidc'),
    labels: { 'app.kubernetes.io/part-of': 'argocd' },
    rolloutRestartTargets: [{ kind: 'Deployment', name: 'argocd-server' }],
  };
}

/** The built-in `admin` account: a break-glass login in dev only; staging and prod log in by SSO alone. */
export const localAdminEnabled = (env: Environment) => env.name === 'dev';

/** argocd-cm entries: the OIDC provider, the external URL its redirects use, and the admin switch. */
export function ssoConfig(env: Environment): Record<string, string> {
  const oidc = {
    name: 'Gridata SSO',
    issuer: env.sso.issuer,
    clientID: env.sso.clients.argocd,
    clientSecret: `$${OIDC_SECRET}:${OIDC_SECRET_KEY}`,
    requestedScopes: ['openid', 'profile', 'email', env.sso.groupsClaim],
    requestedIDTokenClaims: { [env.sso.groupsClaim]: { essential: true } },
  };
  return {
    url: `https://argocd.${env.domain}`,
    'oidc.config': stringify(oidc, { lineWidth: 0 }),
    'admin.enabled': String(localAdminEnabled(env)),
  };
}
