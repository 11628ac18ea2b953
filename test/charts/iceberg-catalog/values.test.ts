import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { polarisValues } from '../../../charts/iceberg-catalog/values';
import { ICEBERG_REST_URI, S3_ENDPOINT } from '../../../charts/shared/endpoints';
import { COMPONENTS } from '../../../charts';
import { syncWaves } from '../../../apps/sync-waves';

describe('Polaris catalog values', () => {
  it('persist in the CloudNativePG catalog DB and read storage keys from a synced Secret', () => {
    const v = polarisValues(loadEnvironment('prod')) as any;
    expect(v.persistence).toEqual({
      type: 'relational-jdbc',
      relationalJdbc: { secret: { name: 'polaris-persistence', username: 'username', password: 'password', jdbcUrl: 'jdbcUrl' } },
    });
    expect(v.storage.secret.name).toBe('polaris-storage');
    expect(v.image).toEqual({ repository: 'apache/polaris', tag: '1.7.0', pullPolicy: 'Always' });
  });

  it('run 3 spread replicas with a PDB and a ServiceMonitor in prod, one in dev', () => {
    const prod = polarisValues(loadEnvironment('prod')) as any;
    expect(prod.replicaCount).toBe(3);
    expect(prod.podDisruptionBudget).toEqual({ enabled: true, maxUnavailable: 1 });
    expect(prod.serviceMonitor.enabled).toBe(true);
    expect(prod.resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '2', memory: '2Gi', 'ephemeral-storage': '1Gi' },
    });
    const dev = polarisValues(loadEnvironment('dev')) as any;
    expect(dev.replicaCount).toBe(1);
    expect(dev.podDisruptionBudget.enabled).toBe(false);
  });

  it('harden the container under the key the chart reads (containerSecurityContext)', () => {
    const v = polarisValues(loadEnvironment('dev')) as any;
    expect(v.securityContext).toBeUndefined();
    expect(v.containerSecurityContext).toMatchObject({ readOnlyRootFilesystem: true, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  it('export the endpoints Spark uses', () => {
    expect(ICEBERG_REST_URI).toBe('http://polaris.iceberg-catalog.svc:8181/api/catalog');
    expect(S3_ENDPOINT).toBe('http://minio.object-store.svc:9000');
  });
});

describe('data-plane sync order', () => {
  const waves = syncWaves(COMPONENTS);
  const before = (a: string, b: string) => expect(waves.get(a)!, `${a} before ${b}`).toBeLessThan(waves.get(b)!);
  it('puts operators before their resources, Vault before its readers, storage before the catalog', () => {
    before('vault', 'vault-config');
    before('vault-config', 'vault-secrets-operator');
    before('vault-config', 'object-store');
    before('cnpg', 'postgres');
    before('vault-secrets-operator', 'postgres');
    before('object-store', 'postgres');
    before('postgres', 'iceberg-catalog');
    before('object-store', 'iceberg-catalog');
    before('spark-operator', 'pipelines');
  });
});
