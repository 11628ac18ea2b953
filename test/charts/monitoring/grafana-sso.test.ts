// Grafana and DataHub single sign-on: OIDC from the environment file, client secrets from Vault via
// VSO (referenced, never inline), roles/groups from the claim the IdP sends, and a path to the IdP.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { chartValues, environment, objectOf, renderedEnvironment } from '../../fixtures/rendered';
import { grafanaRolePath, grafanaSsoValues } from '../../../charts/monitoring/sso';
import type { Environment } from '../../../environments/types';

const grafana = (env: EnvName) => chartValues(renderedEnvironment(env), 'monitoring', 'kube-prometheus-stack').grafana;
const frontendEnv = (env: EnvName) =>
  objectOf(renderedEnvironment(env), 'Deployment', 'datahub-datahub-frontend').spec.template.spec.containers.find((c: any) => c.name === 'datahub-frontend').env;

describe('Grafana SSO', () => {
  for (const env of ENVIRONMENTS) {
    it(`${env}: generic OAuth against the environment's IdP, roles from its groups, the secret from Vault`, () => {
      const oauth = grafana(env)['grafana.ini']['auth.generic_oauth'];
      const realm = `https://login.gridata.example.com/realms/gridata-${env}/protocol/openid-connect`;
      expect(oauth).toEqual({
        enabled: true,
        name: 'Gridata SSO',
        client_id: `gridata-${env}-grafana`,
        scopes: 'openid profile email groups',
        auth_url: `${realm}/auth`,
        token_url: `${realm}/token`,
        api_url: `${realm}/userinfo`,
        use_pkce: true,
        groups_attribute_path: 'groups',
        role_attribute_path:
          "contains(groups[*], 'gridata:platform-admins') && 'Admin' || contains(groups[*], 'gridata:data-engineers') && 'Editor' || contains(groups[*], 'gridata:viewers') && 'Viewer'",
        role_attribute_strict: true,
        allow_sign_up: true,
      });
      expect(grafana(env)['grafana.ini'].server.root_url).toBe(`https://grafana.${renderedEnvironment(env).env.domain}`);
      const container = objectOf(renderedEnvironment(env), 'StatefulSet', 'kube-prometheus-stack-grafana').spec.template.spec.containers.find((c: any) => c.name === 'grafana');
      expect(container.env.find((e: any) => e.name === 'GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET').valueFrom).toEqual({ secretKeyRef: { name: 'grafana-oidc', key: 'clientSecret' } });
      expect(objectOf(renderedEnvironment(env), 'VaultStaticSecret', 'grafana-oidc').spec).toMatchObject({ path: `${env}/monitoring/oidc`, destination: { name: 'grafana-oidc' } });
      const ini = objectOf(renderedEnvironment(env), 'ConfigMap', 'kube-prometheus-stack-grafana').data['grafana.ini'];
      expect(ini).not.toMatch(/client_secret/);
    });
  }

  it('follows the environment file: another claim and other groups change the role mapping (failing fixture)', () => {
    const base = environment('prod');
    const env: Environment = { ...base, sso: { ...base.sso, groupsClaim: 'roles', groups: { platformAdmins: 'ops', dataEngineers: 'data', viewers: 'all' } } };
    expect(grafanaRolePath(env)).toBe("contains(roles[*], 'ops') && 'Admin' || contains(roles[*], 'data') && 'Editor' || contains(roles[*], 'all') && 'Viewer'");
    expect((grafanaSsoValues(env)['grafana.ini'] as any)['auth.generic_oauth'].scopes).toBe('openid profile email roles');
  });
});

describe('DataHub SSO', () => {
  for (const env of ENVIRONMENTS) {
    it(`${env}: the frontend logs in by OIDC discovery at sso.issuer, provisions users with their groups, the secret from Vault`, () => {
      const vars = Object.fromEntries(frontendEnv(env).map((e: any) => [e.name, e.value ?? e.valueFrom]));
      expect(vars).toMatchObject({
        AUTH_OIDC_ENABLED: 'true',
        AUTH_OIDC_CLIENT_ID: `gridata-${env}-datahub`,
        AUTH_OIDC_CLIENT_SECRET: { secretKeyRef: { name: 'datahub-oidc', key: 'clientSecret' } },
        AUTH_OIDC_BASE_URL: `https://datahub.${renderedEnvironment(env).env.domain}`,
        AUTH_OIDC_DISCOVERY_URI: `https://login.gridata.example.com/realms/gridata-${env}/.well-known/openid-configuration`,
        AUTH_OIDC_SCOPE: 'openid profile email groups',
        AUTH_OIDC_JIT_PROVISIONING_ENABLED: 'true',
        AUTH_OIDC_EXTRACT_GROUPS_ENABLED: 'true',
        AUTH_OIDC_GROUPS_CLAIM: 'groups',
      });
      expect(objectOf(renderedEnvironment(env), 'VaultStaticSecret', 'datahub-oidc').spec).toMatchObject({ path: `${env}/datahub/oidc`, destination: { name: 'datahub-oidc' } });
    });
  }
});
