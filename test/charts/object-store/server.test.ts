import { describe, expect, it } from 'vitest';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';
import { flowWorld } from '../../fixtures/flows';

const objects = (envName: 'dev' | 'staging' | 'prod') => componentObjects(renderedEnvironment(envName), 'object-store');

describe('MinIO object store', () => {
  it('runs 4 distributed servers in prod, each with a 2Ti claim, expanding every pod drive', () => {
    const sts = objects('prod').find((o) => o.kind === 'StatefulSet')!;
    expect(sts.spec.replicas).toBe(4);
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.serviceName).toBe('minio-hl');
    const container = sts.spec.template.spec.containers[0];
    expect(container.args).toEqual([
      'server',
      'http://minio-{0...3}.minio-hl.object-store.svc.cluster.local/data',
      '--address',
      ':9000',
      '--console-address',
      ':9001',
    ]);
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('2Ti');
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(container.image).toBe('quay.io/minio/minio:RELEASE.2025-04-08T15-41-24Z');
  });

  it('runs one server on a local drive in dev, with no PDB', () => {
    const dev = objects('dev');
    const sts = dev.find((o) => o.kind === 'StatefulSet')!;
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.template.spec.containers[0].args.slice(0, 2)).toEqual(['server', '/data']);
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('100Gi');
    expect(dev.some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
  });

  it('has a PDB, node spread and health probes in staging and prod', () => {
    const prod = objects('prod');
    expect(prod.find((o) => o.kind === 'PodDisruptionBudget')!.spec.maxUnavailable).toBe(1);
    const pod = prod.find((o) => o.kind === 'StatefulSet')!.spec.template.spec;
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
    expect(pod.containers[0].livenessProbe.httpGet.path).toBe('/minio/health/live');
    expect(pod.containers[0].readinessProbe.httpGet.path).toBe('/minio/health/ready');
  });

  it('gets root credentials from Vault as an env file, never from a Secret', () => {
    const sts = objects('prod').find((o) => o.kind === 'StatefulSet')!;
    const annotations = sts.spec.template.metadata.annotations;
    expect(annotations['vault.hashicorp.com/role']).toBe('object-store-minio');
    expect(annotations['vault.hashicorp.com/agent-inject-secret-config-env']).toBe('kv/data/prod/object-store/root');
    expect(annotations['vault.hashicorp.com/agent-inject-template-config-env']).toContain('export MINIO_ROOT_USER="{{ .Data.data.rootUser }}"');
    expect(sts.spec.template.spec.containers[0].env).toContainEqual({ name: 'MINIO_CONFIG_ENV_FILE', value: '/vault/secrets/config-env' });
    expect(JSON.stringify(sts)).not.toContain('secretKeyRef');
  });

  it('admits only its consumers, its peers and its provisioner to the S3 port', () => {
    const np = objects('prod').find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'minio-server-ingress')!;
    // One rule per client workload (never a whole namespace), each on the S3 port only.
    const sources = np.spec.ingress.map((r: any) => `${r.from[0].namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] ?? 'object-store'}:${r.ports.map((p: any) => p.port)}`);
    expect(sources).toEqual([
      'airflow:9000', 'airflow:9000', 'airflow:9000', 'airflow:9000',
      'datahub:9000',
      'iceberg-catalog:9000',
      'monitoring:9000',
      'object-store:9000', 'object-store:9000',
      'spark-jobs:9000', 'spark-jobs:9000',
      'vault:9000',
    ]);
    for (const rule of np.spec.ingress) for (const peer of rule.from) expect(peer.podSelector, JSON.stringify(peer)).toBeDefined();
    const { reaches } = flowWorld('prod');
    expect(reaches('airflow/Deployment/airflow-scheduler', 'object-store/StatefulSet/minio', 9000)).toBe(false);
    expect(reaches('vault/CronJob/vault-raft-snapshot', 'object-store/StatefulSet/minio', 9000)).toBe(true);
    expect(reaches('object-store/Job/minio-provisioning', 'object-store/StatefulSet/minio', 9000)).toBe(true);
    // prod's Postgres backups go off-cluster, not here.
    expect(reaches('airflow-db/Cluster/airflow-db:instance', 'object-store/StatefulSet/minio', 9000)).toBe(false);
  });

  it('is scraped by a ServiceMonitor on the cluster metrics path of the API Service only', () => {
    const prod = objects('prod');
    const sm = prod.find((o) => o.kind === 'ServiceMonitor')!;
    expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(sm.spec.endpoints[0]).toMatchObject({ port: 'api', path: '/minio/v2/metrics/cluster' });
    const matches = prod.filter(
      (o) => o.kind === 'Service' && Object.entries(sm.spec.selector.matchLabels).every(([k, v]) => o.metadata.labels[k] === v),
    );
    expect(matches.map((s) => s.metadata.name)).toEqual(['minio']);
  });
});
