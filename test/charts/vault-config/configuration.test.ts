import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { COMPONENTS } from '../../../charts';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';
import { collectVaultConsumers } from '../../../render/pipeline';
import { vaultConfiguration, policyHcl } from '../../../charts/vault-config/model';
import { applyScript } from '../../../charts/vault-config/apply-script';

const env = loadEnvironment('prod');
const config = vaultConfiguration(collectVaultConsumers(env, COMPONENTS));

describe('Vault configuration derived from the declarations', () => {
  it('binds every role to exactly one ServiceAccount and namespace with audience and TTL', () => {
    expect(config.roles.length).toBeGreaterThan(3);
    for (const role of config.roles) {
      expect(role.name).toBe(`${role.namespace}-${role.serviceAccount}`);
      expect(role.serviceAccount).toMatch(/^[a-z0-9-]+$/);
      expect(role.namespace).toMatch(/^[a-z0-9-]+$/);
      expect(role).toMatchObject({ audience: 'vault', ttl: '1h', maxTtl: '4h', policies: [role.name] });
    }
  });

  it('grants each policy exactly what its role declared', () => {
    for (const role of config.roles) {
      const policy = config.policies.find((p) => p.name === role.name)!;
      const granted = policy.rules.flatMap((r) => r.capabilities.map((c) => `${c} ${r.path}`)).sort();
      const declared = [...new Set(role.declared.flatMap((d) => d.capabilities.map((c) => `${c} ${d.path}`)))].sort();
      expect(granted, role.name).toEqual(declared);
    }
  });

  it('lets the MinIO provisioner read the root credentials and create, never update, user keys', () => {
    const policy = config.policies.find((p) => p.name === 'object-store-minio-provisioner')!;
    expect(policy.rules).toContainEqual({ path: 'kv/data/prod/object-store/root', capabilities: ['read'] });
    expect(policy.rules).toContainEqual({ path: 'kv/data/prod/object-store/users/spark', capabilities: ['create', 'read'] });
    expect(policy.rules.every((r) => !r.capabilities.includes('update'))).toBe(true);
    expect(policyHcl(policy)).toContain('path "kv/data/prod/object-store/users/spark" {\n  capabilities = ["create", "read"]\n}');
  });

  it('applies idempotently: mounts only when missing, writes every role, prunes undeclared ones', () => {
    const script = applyScript(config);
    expect(script).toContain(`if ! vault secrets list -format=json | grep -q '"kv/"'; then`);
    expect(script).toContain(`if ! vault auth list -format=json | grep -q '"kubernetes/"'; then`);
    expect(script).toContain(
      'vault write auth/kubernetes/role/object-store-minio bound_service_account_names=minio bound_service_account_namespaces=object-store audience=vault token_policies=object-store-minio token_ttl=1h token_max_ttl=4h',
    );
    expect(script.indexOf('vault policy write')).toBeLessThan(script.indexOf('vault write auth/kubernetes/role/'));
    expect(script).toContain('vault delete "auth/kubernetes/role/$role"');
  });

  it('renders a reviewable ConfigMap and a PostSync hook Job that logs in with its own role and audience', () => {
    const docs = componentObjects(renderedEnvironment('prod'), 'vault-config');
    const cm = docs.find((o) => o.kind === 'ConfigMap')!;
    expect(JSON.parse(cm.data['configuration.json'])).toEqual(JSON.parse(JSON.stringify(config)));
    const job = docs.find((o) => o.kind === 'Job')!;
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    const pod = job.spec.template.spec;
    expect(pod.serviceAccountName).toBe('vault-config');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.volumes).toContainEqual({ name: 'vault-token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] } });
    expect(pod.containers[0].image).toBe('hashicorp/vault:2.0.4');
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi', 'ephemeral-storage': '64Mi' }, limits: { cpu: '200m', memory: '128Mi', 'ephemeral-storage': '1Gi' } });
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });
});
