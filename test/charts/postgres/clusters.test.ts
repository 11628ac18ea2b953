import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';
import { COMPONENTS } from '../../../charts';
import { renderEnvironment } from '../../../render/pipeline';
import { renderedFromFiles } from '../../../policies/load-rendered';
import { cnpgValues } from '../../../charts/cnpg/values';
import { S3_ENDPOINT } from '../../../charts/shared/endpoints';

const objects = (name: 'dev' | 'staging' | 'prod') => componentObjects(renderedEnvironment(name), 'postgres');
const prod = objects('prod');
const dev = objects('dev');
const staging = objects('staging');
const cluster = (objs: any[], name: string) => objs.find((o) => o.kind === 'Cluster' && o.metadata.name === name)!;

describe('CloudNativePG clusters', () => {
  it('run 3 instances on distinct nodes in prod and 1 in dev, sized and stored from the environment', () => {
    const airflow = cluster(prod, 'airflow-db');
    expect(airflow.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(airflow.metadata.namespace).toBe('airflow-db');
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

  it('back up prod to the off-cluster store of its environment file, with keys synced from Vault', () => {
    const env = loadEnvironment('prod');
    expect(env.postgres.offClusterBackups).toEqual({ endpointURL: 'https://s3.us-west-2.amazonaws.com', bucket: 'gridata-prod-postgres-backups' });
    const backup = cluster(prod, 'airflow-db').spec.backup;
    expect(backup.retentionPolicy).toBe('30d');
    expect(backup.barmanObjectStore).toMatchObject({
      destinationPath: 's3://gridata-prod-postgres-backups/postgres/airflow-db',
      endpointURL: 'https://s3.us-west-2.amazonaws.com',
      s3Credentials: {
        accessKeyId: { name: 'postgres-backup-offsite', key: 'ACCESS_KEY_ID' },
        secretAccessKey: { name: 'postgres-backup-offsite', key: 'ACCESS_SECRET_KEY' },
      },
    });
    expect(cluster(prod, 'catalog-db').spec.backup.barmanObjectStore.destinationPath).toBe('s3://gridata-prod-postgres-backups/postgres/catalog-db');
    expect(prod.filter((o) => o.kind === 'ScheduledBackup').map((o) => o.spec.cluster.name).sort()).toEqual(['airflow-db', 'catalog-db']);
    // The instances reach the remote store over HTTPS and no longer the in-cluster object store.
    const egress = prod.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'airflow-db-instances-egress')!.spec.egress;
    expect(JSON.stringify(egress)).not.toContain('object-store');
    // network.backupTarget of prod's environment file, HTTPS only.
    expect(egress).toContainEqual({ to: ['52.92.128.0/17', '52.218.128.0/17', '3.5.76.0/22'].map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: 443 }] });
  });

  it('sync the off-cluster keys from Vault <env>/postgres/offsite-backup into each cluster namespace (no value in git)', () => {
    const synced = componentObjects(renderedEnvironment('prod'), 'vault-secrets-operator').filter(
      (o) => o.kind === 'VaultStaticSecret' && o.metadata.name.startsWith('postgres-backup'),
    );
    expect(synced.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(['airflow-db/postgres-backup-offsite', 'iceberg-catalog/postgres-backup-offsite']);
    for (const o of synced) {
      expect(o.spec.path).toBe('prod/postgres/offsite-backup');
      expect(o.spec.destination.transformation.templates).toEqual({
        ACCESS_KEY_ID: { text: '{{ get .Secrets "access-key-id" }}' },
        ACCESS_SECRET_KEY: { text: '{{ get .Secrets "secret-access-key" }}' },
      });
    }
  });

  it('back up to the in-cluster object store when backups are on without an off-cluster store; dev and staging not at all', () => {
    const base = loadEnvironment('staging');
    const withBackups = { ...base, features: { ...base.features, postgresBackups: true } };
    const objs = renderedFromFiles('staging', renderEnvironment(withBackups, COMPONENTS))
      .documents.filter((d) => d.component === 'postgres')
      .map((d) => d.object);
    expect(cluster(objs, 'airflow-db').spec.backup.barmanObjectStore).toMatchObject({
      destinationPath: 's3://gridata-archive/postgres/airflow-db',
      endpointURL: S3_ENDPOINT,
      s3Credentials: { accessKeyId: { name: 'postgres-backup-s3', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'postgres-backup-s3', key: 'ACCESS_SECRET_KEY' } },
    });
    for (const objects of [dev, staging]) {
      expect(cluster(objects, 'airflow-db').spec.backup).toBeUndefined();
      expect(objects.some((o) => o.kind === 'ScheduledBackup')).toBe(false);
    }
  });

  it('install the operator pinned to chart 0.26.0 / 1.27.0 with its PodMonitor', () => {
    const env = loadEnvironment('prod');
    expect(env.versions.cnpg.chart).toBe('0.26.0');
    const v = cnpgValues(env) as any;
    expect(v.image).toEqual({ repository: 'ghcr.io/cloudnative-pg/cloudnative-pg', tag: '1.27.0', pullPolicy: 'Always' });
    expect(v.replicaCount).toBe(2);
    expect(v.monitoring.podMonitorEnabled).toBe(true);
    expect(v.crds.create).toBe(true);
  });
});
