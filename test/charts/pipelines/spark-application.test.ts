// The prod SparkApplication for process_orders, field by field, and what every job shares.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPipelines, sparkApplication } from './render-pipelines';

const prod = renderPipelines('prod');
const app = sparkApplication(prod, 'process-orders');
const spec = app.object.spec;
const sparkVersions = JSON.parse(readFileSync(join(__dirname, '../../../spark-jobs/versions.json'), 'utf8'));

describe('prod process-orders SparkApplication', () => {
  it('is rendered for review only into dist/prod/pipelines/ under its kind, namespace and name', () => {
    expect(app.file).toBe('dist/prod/pipelines/sparkapplication.spark-jobs.process-orders.yaml');
    expect(app.reviewOnly).toBe(true);
    expect(app.object.apiVersion).toBe('sparkoperator.k8s.io/v1beta2');
    expect(app.object.metadata.namespace).toBe('spark-jobs');
  });

  it('runs the pinned job image with the Spark version spark-jobs records', () => {
    expect(spec.image).toBe('ghcr.io/gridata/spark-jobs:0.1.0');
    expect(spec.sparkVersion).toBe(sparkVersions.spark);
    expect(spec.sparkVersion).toBe('3.5.7');
    expect(spec.type).toBe('Python');
    expect(spec.mode).toBe('cluster');
    expect(spec.mainApplicationFile).toBe('local:///opt/gridata/run_job.py');
  });

  it('passes the job id, its raw and rejected locations, and the run placeholders', () => {
    expect(spec.arguments).toEqual([
      'process_orders',
      '--raw-base',
      's3a://gridata-raw/raw/ecommerce',
      '--rejected-base',
      's3a://gridata-raw/rejected',
      '--ds',
      '{{ ds }}',
      '--run-id',
      '{{ run_id }}',
    ]);
  });

  it('sizes driver and executors from environments/prod.yaml, with overhead filling the quota-sized pod', () => {
    // prod: driver 2 cores / 2400m / 8g, executor 4 cores / 4800m / 16g x5; pods are heap x1.4 rounded to 256Mi.
    expect(spec.driver).toMatchObject({ cores: 2, coreLimit: '2400m', memory: '8g', memoryOverhead: '3328m' });
    expect(spec.executor).toMatchObject({ cores: 4, coreLimit: '4800m', memory: '16g', memoryOverhead: '6656m', instances: 5 });
    expect(8192 + 3328).toBe(11520);
    expect(16384 + 6656).toBe(23040);
  });

  it('scales executors dynamically between the environment bounds with shuffle tracking', () => {
    expect(spec.dynamicAllocation).toEqual({
      enabled: true,
      initialExecutors: 5,
      minExecutors: 2,
      maxExecutors: 10,
      shuffleTrackingEnabled: true,
    });
  });

  it('leaves retries to Airflow (the operator never restarts a run) and expires finished runs after a day', () => {
    expect(spec.restartPolicy).toEqual({ type: 'Never' });
    expect(spec.timeToLiveSeconds).toBe(86_400);
  });

  it('configures the gridata catalog as Iceberg REST with S3FileIO against the object store', () => {
    expect(spec.sparkConf).toEqual({
      'spark.sql.extensions': 'org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions',
      'spark.sql.catalog.gridata': 'org.apache.iceberg.spark.SparkCatalog',
      'spark.sql.catalog.gridata.type': 'rest',
      'spark.sql.catalog.gridata.uri': 'http://polaris.iceberg-catalog.svc:8181/api/catalog',
      'spark.sql.catalog.gridata.warehouse': 'gridata',
      'spark.sql.catalog.gridata.oauth2-server-uri': 'http://polaris.iceberg-catalog.svc:8181/api/catalog/v1/oauth/tokens',
      'spark.sql.catalog.gridata.scope': 'PRINCIPAL_ROLE:ALL',
      'spark.sql.catalog.gridata.token-refresh-enabled': 'true',
      'spark.sql.catalog.gridata.io-impl': 'org.apache.iceberg.aws.s3.S3FileIO',
      'spark.sql.catalog.gridata.s3.endpoint': 'http://minio.object-store.svc:9000',
      'spark.sql.catalog.gridata.s3.path-style-access': 'true',
      'spark.sql.catalog.gridata.client.region': 'us-east-1',
      'spark.sql.defaultCatalog': 'gridata',
      'spark.sql.session.timeZone': 'UTC',
      'spark.sql.adaptive.enabled': 'true',
      'spark.driver.port': '7078',
      'spark.driver.blockManager.port': '7079',
      'spark.blockManager.port': '7079',
    });
    expect(spec.hadoopConf).toEqual({
      'fs.s3a.impl': 'org.apache.hadoop.fs.s3a.S3AFileSystem',
      'fs.s3a.endpoint': 'http://minio.object-store.svc:9000',
      'fs.s3a.endpoint.region': 'us-east-1',
      'fs.s3a.path.style.access': 'true',
      'fs.s3a.connection.ssl.enabled': 'false',
      'fs.s3a.aws.credentials.provider': 'com.amazonaws.auth.profile.ProfileCredentialsProvider',
    });
  });

  it('holds no credential in its configuration', () => {
    const conf = JSON.stringify({ ...spec.sparkConf, ...spec.hadoopConf });
    expect(conf).not.toMatch(/credential=|access-key-id|secret-access-key|fs\.s3a\.(access|secret)\.key/);
  });

  it('runs driver and executors under their own ServiceAccounts as the spark user, restricted', () => {
    expect(spec.driver.serviceAccount).toBe('spark-driver');
    expect(spec.executor.serviceAccount).toBe('spark-executor');
    for (const pod of [spec.driver, spec.executor]) {
      expect(pod.podSecurityContext).toEqual({ runAsNonRoot: true, runAsUser: 185, runAsGroup: 185, fsGroup: 185, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.volumeMounts).toEqual([
        { name: 'tmp', mountPath: '/tmp' },
        { name: 'vault-token', mountPath: '/var/run/secrets/gridata/vault-token', readOnly: true },
      ]);
    }
    expect(spec.volumes).toEqual([
      { name: 'tmp', emptyDir: { sizeLimit: '4Gi' } },
      { name: 'vault-token', projected: { sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }] } },
    ]);
  });

  it('gets the object-store keys (both pods) and the catalog credential (driver) from Vault, pre-populate-only', () => {
    const driver = spec.driver.annotations;
    const executor = spec.executor.annotations;
    expect(driver['vault.hashicorp.com/agent-inject']).toBe('true');
    expect(driver['vault.hashicorp.com/agent-pre-populate-only']).toBe('true');
    expect(executor['vault.hashicorp.com/agent-pre-populate-only']).toBe('true');
    expect(driver['vault.hashicorp.com/role']).toBe('spark-jobs-spark-driver');
    // Logs in with the audience-bound projected token, mounted into the Spark container so the operator adds the volume.
    expect(driver['vault.hashicorp.com/agent-service-account-token-volume-name']).toBe('vault-token');
    expect(executor['vault.hashicorp.com/role']).toBe('spark-jobs-spark-executor');
    expect(driver['vault.hashicorp.com/agent-inject-secret-s3-credentials']).toBe('kv/data/prod/object-store/users/spark');
    expect(driver['vault.hashicorp.com/agent-inject-secret-catalog-conf']).toBe('kv/data/prod/iceberg-catalog/principals/spark');
    expect(executor['vault.hashicorp.com/agent-inject-secret-s3-credentials']).toBe('kv/data/prod/object-store/users/spark');
    expect(executor['vault.hashicorp.com/agent-inject-secret-catalog-conf']).toBeUndefined();
    expect(driver['vault.hashicorp.com/agent-inject-template-s3-credentials']).toBe(
      '[[- with secret "kv/data/prod/object-store/users/spark" -]]\n[default]\n' +
        'aws_access_key_id = [[ .Data.data.accessKey ]]\naws_secret_access_key = [[ .Data.data.secretKey ]]\n[[- end ]]\n',
    );
    expect(driver['vault.hashicorp.com/agent-template-left-delim-catalog-conf']).toBe('[[');
    expect(driver['vault.hashicorp.com/agent-template-right-delim-catalog-conf']).toBe(']]');
    // The injected agent is sized like every other container (environments/prod.yaml sizing.vault.agent).
    expect(driver['vault.hashicorp.com/agent-requests-cpu']).toBe('50m');
    expect(executor['vault.hashicorp.com/agent-limits-mem']).toBe('128Mi');
    expect(spec.driver.env).toEqual([
      { name: 'AWS_REGION', value: 'us-east-1' },
      { name: 'AWS_SHARED_CREDENTIALS_FILE', value: '/vault/secrets/s3-credentials' },
      { name: 'AWS_CREDENTIAL_PROFILES_FILE', value: '/vault/secrets/s3-credentials' },
      { name: 'GRIDATA_SPARK_CONF_FILE', value: '/vault/secrets/catalog-conf' },
    ]);
    expect(spec.executor.env.map((e: { name: string }) => e.name)).toEqual(['AWS_REGION', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CREDENTIAL_PROFILES_FILE']);
  });

  it('labels the application and both pod roles with the standard labels', () => {
    expect(app.object.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'process-orders',
      'app.kubernetes.io/component': 'spark-application',
      'app.kubernetes.io/version': '0.1.0',
      'gridata.io/environment': 'prod',
    });
    expect(spec.driver.labels).toMatchObject({ 'app.kubernetes.io/name': 'process-orders', 'app.kubernetes.io/component': 'spark-driver', 'app.kubernetes.io/part-of': 'gridata', 'gridata.io/environment': 'prod' });
    expect(spec.executor.labels['app.kubernetes.io/component']).toBe('spark-executor');
  });
});

describe('quality metrics delivery', () => {
  const envNames = (appName: string) =>
    sparkApplication(prod, appName).object.spec.driver.env.map((e: { name: string; value: string }) => `${e.name}=${e.value}`);

  it('points both quality_checks drivers at the Pushgateway and no other job', () => {
    for (const appName of ['quality-checks', 'quality-checks-customer-360']) {
      expect(envNames(appName)).toContain('GRIDATA_PUSHGATEWAY_URL=http://pushgateway.monitoring.svc:9091');
    }
    for (const appName of ['process-orders', 'customer-360', 'ingest-customers']) {
      expect(envNames(appName).some((e: string) => e.startsWith('GRIDATA_PUSHGATEWAY_URL='))).toBe(false);
    }
    expect(sparkApplication(prod, 'quality-checks').object.spec.executor.env.some((e: { name: string }) => e.name === 'GRIDATA_PUSHGATEWAY_URL')).toBe(false);
  });
});

describe('sizing per environment', () => {
  it.each([
    ['dev', { cores: 1, coreLimit: '1200m', memory: '2g', memoryOverhead: '1024m' }, { cores: 1, coreLimit: '1200m', memory: '4g', memoryOverhead: '1792m', instances: 2 }, [1, 2]],
    ['staging', { cores: 1, coreLimit: '1200m', memory: '4g', memoryOverhead: '1792m' }, { cores: 2, coreLimit: '2400m', memory: '8g', memoryOverhead: '3328m', instances: 3 }, [1, 6]],
  ] as const)('%s follows its environment file', (name, driver, executor, [min, max]) => {
    const s = sparkApplication(renderPipelines(name), 'customer-360').object.spec;
    expect(s.driver).toMatchObject(driver);
    expect(s.executor).toMatchObject(executor);
    expect([s.dynamicAllocation.minExecutors, s.dynamicAllocation.maxExecutors]).toEqual([min, max]);
    expect(s.sparkConf['spark.sql.catalog.gridata.client.region']).toBe(renderPipelines(name).env.objectStore.region);
  });
});
