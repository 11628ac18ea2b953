import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';
import { cnpgValues } from '../../../charts/cnpg/values';
import { S3_ENDPOINT } from '../../../charts/shared/endpoints';

const objects = (name: 'dev' | 'prod') => componentObjects(renderedEnvironment(name), 'postgres');
const prod = objects('prod');
const dev = objects('dev');
const cluster = (objs: any[], name: string) => objs.find((o) => o.kind === 'Cluster' && o.metadata.name === name)!;

describe('CloudNativePG clusters', () => {
  it('run 3 instances on distinct nodes in prod and 1 in dev, sized and stored from the environment', () => {
    const airflow = cluster(prod, 'airflow-db');
    expect(airflow.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(airflow.metadata.namespace).toBe('airflow');
    expect(airflow.spec.instances).toBe(3);
    expect(airflow.spec.storage).toEqual({ size: '50Gi' });
    expect(airflow.spec.affinity).toEqual({ enablePodAntiAffinity: true, podAntiAffinityType: 'required', topologyKey: 'kubernetes.io/hostname' });
    expect(cluster(prod, 'catalog-db').spec.storage).toEqual({ size: '20Gi' });
    expect(cluster(dev, 'airflow-db').spec.instances).toBe(1);
    expect(cluster(dev, 'catalog-db').metadata.namespace).toBe('iceberg-catalog');
  });

  it('initialise from a Vault-synced owner Secret, with superuser access off and PodMonitor on', () => {
    const c = cluster(prod, 'catalog-db');
    expect(c.spec.bootstrap).toEqual({ initdb: { database: 'polaris', owner: 'polaris', secret: { name: 'catalog-db-owner' } } });
    expect(c.spec.enableSuperuserAccess).toBe(false);
    expect(c.spec.monitoring).toEqual({ enablePodMonitor: true });
    expect(JSON.stringify(prod)).not.toMatch(/"password":\s*"/);
  });

  it('back up to the object store in prod only, with credentials from a synced Secret', () => {
    const backup = cluster(prod, 'airflow-db').spec.backup;
    expect(backup.retentionPolicy).toBe('30d');
    expect(backup.barmanObjectStore).toMatchObject({
      destinationPath: 's3://gridata-archive/postgres/airflow-db',
      endpointURL: S3_ENDPOINT,
      s3Credentials: { accessKeyId: { name: 'postgres-backup-s3', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'postgres-backup-s3', key: 'ACCESS_SECRET_KEY' } },
    });
    expect(prod.filter((o) => o.kind === 'ScheduledBackup').map((o) => o.spec.cluster.name).sort()).toEqual(['airflow-db', 'catalog-db']);
    expect(cluster(dev, 'airflow-db').spec.backup).toBeUndefined();
    expect(dev.some((o) => o.kind === 'ScheduledBackup')).toBe(false);
  });

  it('install the operator pinned to chart 0.26.0 / 1.27.0 with its PodMonitor', () => {
    const env = loadEnvironment('prod');
    expect(env.versions.cnpg.chart).toBe('0.26.0');
    const v = cnpgValues(env) as any;
    expect(v.image).toEqual({ repository: 'ghcr.io/cloudnative-pg/cloudnative-pg', tag: '1.27.0' });
    expect(v.replicaCount).toBe(2);
    expect(v.monitoring.podMonitorEnabled).toBe(true);
    expect(v.crds.create).toBe(true);
  });
});
