// Argo CD SSO: OIDC from the environment file, the client secret from Vault through VSO (referenced,
// never inline), the group rules on the claim the IdP sends, the local admin only in dev, and the
// server's path to the identity provider.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { environment, objectOf, policyView, renderedEnvironment } from '../../fixtures/rendered';
import { argoCdValues } from '../../../charts/argocd/values';
import { rbacPolicy } from '../../../charts/argocd/rbac';
import { COMPONENTS } from '../../../charts';
import { collectFlows } from '../../../render/pipeline';
import { proveFlows } from '../../../tools/flows/proof';
import type { Environment } from '../../../environments/types';

const cm = (env: EnvName) => objectOf(renderedEnvironment(env), 'ConfigMap', 'argocd-cm').data;
const rbacCm = (env: EnvName) => objectOf(renderedEnvironment(env), 'ConfigMap', 'argocd-rbac-cm').data;

describe('Argo CD single sign-on', () => {
  for (const env of ENVIRONMENTS) {
    it(`${env}: OIDC against sso.issuer with the environment's client id; the secret is a reference to the VSO-synced Secret`, () => {
      const oidc = parse(cm(env)['oidc.config']);
      expect(oidc).toEqual({
        name: 'Gridata SSO',
        issuer: `https://login.gridata.example.com/realms/gridata-${env}`,
        clientID: `gridata-${env}-argocd`,
        clientSecret: '$gridata-argocd-oidc:clientSecret',
        requestedScopes: ['openid', 'profile', 'email', 'groups'],
        requestedIDTokenClaims: { groups: { essential: true } },
      });
      expect(cm(env).url).toBe(`https://argocd.${renderedEnvironment(env).env.domain}`);
      const synced = objectOf(renderedEnvironment(env), 'VaultStaticSecret', 'gridata-argocd-oidc');
      expect(synced.metadata.namespace).toBe('argocd');
      expect(synced.spec).toMatchObject({ mount: 'kv', path: `${env}/argocd/oidc`, destination: { name: 'gridata-argocd-oidc', labels: { 'app.kubernetes.io/part-of': 'argocd' } } });
    });

    it(`${env}: the group rules name the groups of the claim the IdP sends`, () => {
      const data = rbacCm(env);
      expect(data.scopes).toBe('[groups]');
      expect(data['policy.csv']).toContain('g, gridata:platform-admins, role:platform-admin\n');
      expect(data['policy.csv']).toContain('g, gridata:data-engineers, role:data-engineer\n');
      expect(data['policy.csv']).toContain('g, gridata:viewers, role:readonly\n');
    });
  }

  it('disables the local admin in staging and prod, keeps it in dev as the break-glass login', () => {
    expect(cm('dev')['admin.enabled']).toBe('true');
    expect(cm('staging')['admin.enabled']).toBe('false');
    expect(cm('prod')['admin.enabled']).toBe('false');
  });

  it('follows the environment file: another claim and other group names change the rules and the requested scopes (failing fixture)', () => {
    const base = environment('prod');
    const env: Environment = {
      ...base,
      sso: { ...base.sso, groupsClaim: 'roles', groups: { platformAdmins: 'ops', dataEngineers: 'data', viewers: 'all' } },
    };
    const values: any = argoCdValues(env);
    expect(values.configs.rbac.scopes).toBe('[roles]');
    expect(parse(values.configs.cm['oidc.config']).requestedScopes).toEqual(['openid', 'profile', 'email', 'roles']);
    expect(rbacPolicy(env)).toContain('g, ops, role:platform-admin\n');
    expect(rbacPolicy(env)).not.toContain('gridata:platform-admins');
  });

  it('lets exactly the OIDC clients (Argo CD server, Grafana, DataHub frontend) reach the identity provider, on 443', () => {
    for (const env of ENVIRONMENTS) {
      const proof = proveFlows(policyView(env), environment(env), collectFlows(environment(env), COMPONENTS));
      const idp = proof.results.filter((r) => 'external' in r.flow.to && r.flow.to.external === 'identity-provider');
      expect(idp.map((r) => [(r.flow.from as { name: string }).name, r.flow.port, r.blockedPairs, r.unmatched]).sort()).toEqual([
        ['argocd-server', 443, [], []],
        ['datahub-frontend', 443, [], []],
        ['grafana', 443, [], []],
      ]);
    }
  });
});
