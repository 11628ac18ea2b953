// Zone spread of the HA components: in prod (cluster.zones 3) Vault, MinIO, both Postgres clusters
// and Polaris carry a hard topology.kubernetes.io/zone constraint selecting their own pods; in
// single-zone environments nothing changes.
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import type { EnvName } from '../../../environments/catalog';
import { policyView } from '../../fixtures/rendered';
import { zoneSpread } from '../../../charts/shared/topology';

const rendered = (name: EnvName) => policyView(name);
const zone = (labels?: Record<string, string>) => ({
  maxSkew: 1,
  topologyKey: 'topology.kubernetes.io/zone',
  whenUnsatisfiable: 'DoNotSchedule',
  ...(labels ? { labelSelector: { matchLabels: labels } } : {}),
});

function spreads(name: EnvName) {
  const r = rendered(name);
  const find = (kind: string, ns: string, n: string) => r.documents.find((d) => d.object.kind === kind && d.object.metadata.namespace === ns && d.object.metadata.name === n)!.object;
  const chart = (c: string) => r.charts.find((x) => x.chart === c)!.values;
  return {
    vault: chart('vault').server.topologySpreadConstraints,
    polaris: chart('polaris').topologySpreadConstraints,
    minio: find('StatefulSet', 'object-store', 'minio').spec.template.spec.topologySpreadConstraints,
    minioSelector: find('StatefulSet', 'object-store', 'minio').spec.selector.matchLabels,
    airflowDb: find('Cluster', 'airflow-db', 'airflow-db').spec.topologySpreadConstraints,
    catalogDb: find('Cluster', 'iceberg-catalog', 'catalog-db').spec.topologySpreadConstraints,
  };
}

describe('zone topology spread', () => {
  it('prod spreads Vault ×3, MinIO ×4, the Postgres clusters and Polaris across its 3 zones', () => {
    expect(loadEnvironment('prod').cluster.zones).toBe(3);
    const s = spreads('prod');
    expect(s.vault).toEqual([zone({ 'app.kubernetes.io/name': 'vault', 'app.kubernetes.io/instance': 'vault', component: 'server' })]);
    // The Polaris chart writes its own selector labels into each constraint.
    expect(s.polaris).toEqual([zone()]);
    expect(s.minio).toEqual([zone(s.minioSelector)]);
    expect(s.minioSelector['app.kubernetes.io/name']).toBe('minio');
    expect(s.airflowDb).toEqual([zone({ 'cnpg.io/cluster': 'airflow-db' })]);
    expect(s.catalogDb).toEqual([zone({ 'cnpg.io/cluster': 'catalog-db' })]);
  });

  it('single-zone environments render no zone constraint', () => {
    for (const name of ['dev', 'staging'] as const) {
      expect(loadEnvironment(name).cluster.zones).toBe(1);
      const { minioSelector: _selector, ...constraints } = spreads(name);
      expect(Object.values(constraints).filter((v) => v !== undefined)).toEqual([]);
    }
  });

  it('a single replica never gets one, whatever the zones', () => {
    const env = loadEnvironment('prod');
    expect(zoneSpread(env, 1)).toEqual([]);
    expect(zoneSpread(env, 2)).toHaveLength(1);
  });
});
