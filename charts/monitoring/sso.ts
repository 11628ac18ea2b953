// Grafana single sign-on: generic OAuth (OpenID Connect) against the environment's identity provider
// (sso.*), the client secret from Vault (<env>/monitoring/oidc, key clientSecret) through a VSO-synced
// Secret read into GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET, roles from the groups of the claim the IdP sends:
// platform admins → Admin, data engineers → Editor, viewers → Viewer, anyone else refused (strict).
import type { Environment } from '../../environments/types';
import { vaultPath, type SyncedSecret } from '../shared/vault-secrets';
import { KPS_RELEASE, MONITORING_NAMESPACE } from './constants';

export const GRAFANA_OIDC_SECRET = 'grafana-oidc';
export const OIDC_SECRET_KEY = 'clientSecret';

export function grafanaOidcSecret(env: Environment): SyncedSecret {
  return {
    kind: 'synced',
    namespace: MONITORING_NAMESPACE,
    secretName: GRAFANA_OIDC_SECRET,
    path: vaultPath(env, 'monitoring', 'oidc'),
    rolloutRestartTargets: [{ kind: 'StatefulSet', name: `${KPS_RELEASE}-grafana` }],
  };
}

/** JMESPath over the userinfo/ID token: the first group the user has decides the role. */
export function grafanaRolePath(env: Environment): string {
  const { groupsClaim: claim, groups } = env.sso;
  const has = (group: string) => `contains(${claim}[*], '${group}')`;
  return `${has(groups.platformAdmins)} && 'Admin' || ${has(groups.dataEngineers)} && 'Editor' || ${has(groups.viewers)} && 'Viewer'`;
}

/** grafana.ini sections and the environment variable of the client secret (chart keys `grafana.ini`, `envValueFrom`). */
export function grafanaSsoValues(env: Environment): Record<string, unknown> {
  return {
    'grafana.ini': {
      server: { root_url: `https://grafana.${env.domain}` },
      'auth.generic_oauth': {
        enabled: true,
        name: 'Gridata SSO',
        client_id: env.sso.clients.grafana,
        scopes: `openid profile email ${env.sso.groupsClaim}`,
        auth_url: env.sso.endpoints.authorization,
        token_url: env.sso.endpoints.token,
        api_url: env.sso.endpoints.userInfo,
        use_pkce: true,
        groups_attribute_path: env.sso.groupsClaim,
        role_attribute_path: grafanaRolePath(env),
        // No matching group, no login (instead of Grafana's default Viewer).
        role_attribute_strict: true,
        allow_sign_up: true,
      },
    },
    envValueFrom: { GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: { secretKeyRef: { name: GRAFANA_OIDC_SECRET, key: OIDC_SECRET_KEY } } },
  };
}
