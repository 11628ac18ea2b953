import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { COMPONENTS } from '../../../charts';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';
import { collectVaultConsumers } from '../../../render/pipeline';
import { syncedSecrets } from '../../../charts/vault-secrets-operator/synced-secrets';
import { vaultConfiguration } from '../../../charts/vault-config/model';
import { vsoValues } from '../../../charts/vault-secrets-operator/values';

const env = loadEnvironment('prod');
const objects = componentObjects(renderedEnvironment('prod'), 'vault-secrets-operator');

describe('Vault Secrets Operator objects', () => {
  it('render one VaultStaticSecret per synced declaration, in the declaring namespace', () => {
    const declared = syncedSecrets(collectVaultConsumers(env, COMPONENTS)).map((s) => `${s.namespace}/${s.secretName}`).sort();
    const rendered = objects.filter((o) => o.kind === 'VaultStaticSecret').map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort();
    expect(rendered).toEqual(declared);
    expect(declared).toEqual(expect.arrayContaining(['airflow-db/airflow-db-owner', 'iceberg-catalog/polaris-persistence', 'iceberg-catalog/polaris-storage']));
  });

  it('authenticate each namespace with its own role, ServiceAccount and the vault audience', () => {
    const config = vaultConfiguration(collectVaultConsumers(env, COMPONENTS));
    for (const auth of objects.filter((o) => o.kind === 'VaultAuth')) {
      const ns = auth.metadata.namespace;
      expect(auth.spec.kubernetes).toEqual({ role: `${ns}-vault-secrets-operator-auth`, serviceAccount: 'vault-secrets-operator-auth', audiences: ['vault'], tokenExpirationSeconds: 600 });
      const role = config.roles.find((r) => r.name === auth.spec.kubernetes.role)!;
      expect({ sa: role.serviceAccount, ns: role.namespace }).toEqual({ sa: 'vault-secrets-operator-auth', ns });
      expect(objects.some((o) => o.kind === 'VaultConnection' && o.metadata.namespace === ns && o.spec.address === 'http://vault.vault.svc:8200')).toBe(true);
      expect(objects.some((o) => o.kind === 'ServiceAccount' && o.metadata.namespace === ns && o.automountServiceAccountToken === false)).toBe(true);
    }
  });

  it('build the catalog JDBC Secret from the DB owner credentials with templates, never the raw document', () => {
    const vss = objects.find((o) => o.kind === 'VaultStaticSecret' && o.metadata.name === 'polaris-persistence')!;
    expect(vss.spec).toMatchObject({ mount: 'kv', type: 'kv-v2', path: 'prod/iceberg-catalog/catalog-db-owner', vaultAuthRef: 'vault' });
    expect(vss.spec.destination.transformation).toEqual({
      excludeRaw: true,
      excludes: ['.*'],
      templates: {
        username: { text: '{{ get .Secrets "username" }}' },
        password: { text: '{{ get .Secrets "password" }}' },
        jdbcUrl: { text: 'jdbc:postgresql://catalog-db-rw.iceberg-catalog.svc:5432/polaris' },
      },
    });
  });

  it('run the operator without default connection or auth, sized from the environment', () => {
    const v = vsoValues(env) as any;
    expect(v.defaultVaultConnection.enabled).toBe(false);
    expect(v.defaultAuthMethod.enabled).toBe(false);
    expect(v.controller.replicas).toBe(2);
    expect(v.controller.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1, minAvailable: '' });
    expect(v.controller.manager.resources.limits).toEqual({ cpu: '250m', memory: '256Mi', 'ephemeral-storage': '1Gi' });
  });
});
