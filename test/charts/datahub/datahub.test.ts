// The DataHub components: chart pins and values per environment, VSO-synced secrets, the ingestion
// CronJobs with their Vault wiring and recipes, NetworkPolicies and PDBs.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { collectVaultConsumers } from '../../../render/pipeline';
import type { Environment } from '../../../environments/types';
import { COMPONENTS } from '../../../charts';
import { FIELD_TAG_RULES } from '../../../charts/datahub/recipes';
import { find, helmSource, render } from './render-datahub';
import { flowWorld } from '../../fixtures/flows';
import { kafkaClusterId, prerequisitesValues } from '../../../charts/datahub/prerequisites-values';
import { datahubValues } from '../../../charts/datahub/values';

const vaultConsumers = (env: Environment) => collectVaultConsumers(env, COMPONENTS);

const prod = render('prod');
const dev = render('dev');
const values = (r = prod) => helmSource(r, 'datahub').values;
const prereqs = (r = prod) => helmSource(r, 'datahub-prerequisites').values;
const cron = (id: string, r = prod) => find(r, 'CronJob', `datahub-ingestion-${id}`);
const podOf = (id: string, r = prod) => cron(id, r).spec.jobTemplate.spec.template;
const recipeOf = (id: string, r = prod) => parse(find(r, 'ConfigMap', `datahub-ingestion-${id}`).data['recipe.yml']);

describe('DataHub Applications', () => {
  it('install datahub-prerequisites 0.3.0 and datahub 1.1.0 from the DataHub Helm repository into datahub', () => {
    const pre = helmSource(prod, 'datahub-prerequisites');
    const main = helmSource(prod, 'datahub');
    expect([pre.release.repository, pre.release.version, pre.release.releaseName]).toEqual(['https://helm.datahubproject.io/', '0.3.0', 'prerequisites']);
    expect([main.release.repository, main.release.version, main.release.releaseName]).toEqual(['https://helm.datahubproject.io/', '1.1.0', 'datahub']);
    expect([pre.app.metadata.name, main.app.metadata.name]).toEqual(['prod-datahub-prerequisites', 'prod-datahub']);
    expect([pre.app.spec.destination.namespace, main.app.spec.destination.namespace]).toEqual(['datahub', 'datahub']);
  });

  it('sync the prerequisites in an earlier wave than DataHub, and DataHub after VSO', () => {
    const wave = (chart: 'datahub' | 'datahub-prerequisites') => Number(helmSource(prod, chart).app.metadata.annotations['argocd.argoproj.io/sync-wave']);
    const vso = prod.docs.find((d) => d.object.kind === 'Application' && d.object.metadata.name === 'prod-vault-secrets-operator')!.object;
    expect(wave('datahub-prerequisites')).toBeLessThan(wave('datahub'));
    expect(Number(vso.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeLessThan(wave('datahub-prerequisites'));
  });

  it('are not rendered at all when features.datahub is off', () => {
    const off = render('dev', (env) => ({ ...env, features: { ...env.features, datahub: false } }));
    expect([...off.files.keys()].filter((p) => p.includes('/datahub'))).toEqual([]);
    expect(vaultConsumers(off.env).filter((c) => c.owner === 'datahub')).toEqual([]);
  });
});

describe('datahub chart values', () => {
  it('run DataHub v1.7.0 (the ingestion image tag) with token authentication and no chart-generated secret', () => {
    const global = values().global;
    expect(global.datahub.version).toBe('v1.7.0');
    expect(global.datahub.metadata_service_authentication).toEqual({
      enabled: true,
      systemClientId: '__datahub_system',
      systemClientSecret: { secretRef: 'datahub-auth', secretKey: 'system_client_secret' },
      tokenService: {
        signingKey: { secretRef: 'datahub-auth', secretKey: 'token_service_signing_key' },
        salt: { secretRef: 'datahub-auth', secretKey: 'token_service_salt' },
      },
      provisionSecrets: { enabled: false, autoGenerate: false },
    });
    expect(global.datahub.encryptionKey).toEqual({ secretRef: 'datahub-encryption', secretKey: 'encryption_key_secret', provisionSecret: { enabled: false, autoGenerate: false } });
    expect(values()['datahub-frontend'].existingGmsSecret).toEqual({ name: 'datahub-frontend', key: 'gms_secret' });
  });

  it('connect to the prerequisites as the datahub MySQL user, never root', () => {
    const global = values().global;
    expect(global.sql.datasource).toMatchObject({ host: 'prerequisites-mysql:3306', username: 'datahub', password: { secretRef: 'datahub-mysql', secretKey: 'mysql-password' } });
    expect(global.kafka.bootstrap.server).toBe('prerequisites-kafka:9092');
    expect(global.elasticsearch).toMatchObject({ host: 'opensearch-cluster-master', port: '9200' });
  });

  it('take replicas and resources from the environment file, with UI-managed ingestion off so several GMS may run', () => {
    expect([values()['datahub-gms'].replicaCount, values(dev)['datahub-gms'].replicaCount]).toEqual([3, 1]);
    expect(values()['datahub-gms'].resources).toEqual({
      requests: { cpu: '1', memory: '2Gi', 'ephemeral-storage': '256Mi' },
      limits: { cpu: '2', memory: '4Gi', 'ephemeral-storage': '4Gi' },
    });
    expect(values()['datahub-frontend'].replicaCount).toBe(2);
    expect(values().datahubSystemUpdate.resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi', 'ephemeral-storage': '256Mi' },
      limits: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '4Gi' },
    });
    expect(values().global.datahub.managed_ingestion).toEqual({ enabled: false });
    expect(values()['datahub-ingestion-cron']).toEqual({ enabled: false });
  });

  it('create the GMS ServiceMonitor with Prometheus metrics on', () => {
    expect(values().global.datahub.monitoring).toEqual({ enablePrometheus: true });
    expect(values()['datahub-gms'].serviceMonitor.create).toBe(true);
  });

  it('replace the frontend image\'s default user.props with the Vault-synced one', () => {
    const frontend = values()['datahub-frontend'];
    expect(frontend.extraVolumes).toEqual([
      { name: 'frontend-users', secret: { secretName: 'datahub-frontend-users' } },
      { name: 'tmp', emptyDir: { sizeLimit: '4Gi' } },
    ]);
    expect(frontend.extraVolumeMounts).toEqual([
      { name: 'frontend-users', mountPath: '/datahub-frontend/conf/user.props', subPath: 'user.props', readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
  });
});

describe('datahub-prerequisites chart values', () => {
  it('size and persist OpenSearch, MySQL and KRaft Kafka from the environment file', () => {
    const v = prereqs();
    expect(v.opensearch).toMatchObject({ enabled: true, singleNode: true, persistence: { enabled: true, size: '200Gi' }, opensearchJavaOpts: '-Xms1024m -Xmx1024m' });
    expect(v.mysql.primary).toMatchObject({
      resources: { requests: { cpu: '250m', memory: '512Mi', 'ephemeral-storage': '256Mi' }, limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '4Gi' } },
      persistence: { enabled: true, size: '50Gi' },
    });
    expect(v.kafka).toMatchObject({ kraft: { enabled: true }, zookeeper: { enabled: false }, controller: { replicaCount: 1, persistence: { size: '50Gi' } }, broker: { replicaCount: 0 } });
  });

  it('take the MySQL passwords from the VSO-synced Secret', () => {
    expect(prereqs().mysql.auth).toEqual({ existingSecret: 'datahub-mysql', database: 'datahub', username: 'datahub' });
  });
});

describe('DataHub secrets from Vault', () => {
  it('sync the six Secrets the charts reference by name', () => {
    const synced = vaultConsumers(prod.env).filter((c) => c.owner === 'datahub' && c.consumer.kind === 'synced').map((c) => c.consumer);
    expect(synced.map((s) => (s.kind === 'synced' ? `${s.namespace}/${s.secretName}<-${s.path}` : ''))).toEqual([
      'datahub/datahub-mysql<-prod/datahub/mysql',
      'datahub/datahub-auth<-prod/datahub/auth',
      'datahub/datahub-encryption<-prod/datahub/encryption',
      'datahub/datahub-frontend<-prod/datahub/frontend',
      'datahub/datahub-frontend-users<-prod/datahub/frontend-users',
      'datahub/datahub-kafka<-prod/datahub/kafka',
    ]);
    for (const name of ['datahub-mysql', 'datahub-auth', 'datahub-encryption', 'datahub-frontend', 'datahub-frontend-users', 'datahub-kafka']) {
      expect(find(prod, 'VaultStaticSecret', name)).toMatchObject({ metadata: { namespace: 'datahub' }, spec: { destination: { name, create: true } } });
    }
  });

  it('give Kafka its controller password from Vault and a fixed KRaft cluster id (Kafka Uuid form) through VSO', () => {
    expect(find(prod, 'VaultStaticSecret', 'datahub-kafka').spec.destination.transformation).toEqual({
      excludeRaw: true,
      excludes: ['.*'],
      templates: { 'controller-password': { text: '{{ get .Secrets "controller-password" }}' }, 'kraft-cluster-id': { text: 'oeBcCOOMGBUxBYXMZ30sFw' } },
    });
    expect(kafkaClusterId({ name: 'dev' })).toBe('bFNEJs659LKEB8rZocyKGg');
    expect(Buffer.from(kafkaClusterId({ name: 'staging' }), 'base64url')).toHaveLength(16);
    const kafka = prerequisitesValues(prod.env).kafka as Record<string, any>;
    expect(kafka.kraft).toEqual({ enabled: true, existingClusterIdSecret: 'datahub-kafka' });
    expect(kafka.sasl).toEqual({ existingSecret: 'datahub-kafka' });
  });

  it('fix the schedule of DataHub\'s GC ingestion (the chart would draw it at random)', () => {
    expect((datahubValues(prod.env) as any).datahubSystemUpdate.bootstrapMCPs).toEqual({ datahubGC: { values: { schedule: { interval: '0 2 * * *' } } } });
  });

  it('give each ingestion identity its own Vault role with exactly its paths', () => {
    const config = JSON.parse(find(prod, 'ConfigMap', 'vault-configuration').data['configuration.json']);
    const paths = (role: string) => config.roles.find((r: any) => r.name === role).declared.map((d: any) => d.path).sort();
    expect(paths('datahub-datahub-ingestion-iceberg')).toEqual([
      'kv/data/prod/datahub/ingestion-token',
      'kv/data/prod/iceberg-catalog/principals/datahub',
      'kv/data/prod/object-store/users/datahub',
    ]);
    expect(paths('datahub-datahub-ingestion-s3')).toEqual(['kv/data/prod/datahub/ingestion-token', 'kv/data/prod/object-store/users/datahub']);
  });
});

describe('ingestion CronJobs', () => {
  it('run the pinned ingestion image on staggered schedules, one at a time', () => {
    const schedules = ['iceberg', 'raw', 'curated'].map((id) => [cron(id).spec.schedule, cron(id).spec.concurrencyPolicy, podOf(id).spec.containers[0].image]);
    expect(schedules).toEqual([
      ['15 3 * * *', 'Forbid', 'acryldata/datahub-ingestion:v1.7.0'],
      ['45 3 * * *', 'Forbid', 'acryldata/datahub-ingestion:v1.7.0'],
      ['15 4 * * *', 'Forbid', 'acryldata/datahub-ingestion:v1.7.0'],
    ]);
  });

  it('get their credentials from the Vault agent in pre-populate-only mode, sourced before datahub ingest', () => {
    const pod = podOf('iceberg');
    expect(pod.metadata.annotations).toMatchObject({
      'vault.hashicorp.com/agent-inject': 'true',
      'vault.hashicorp.com/agent-pre-populate-only': 'true',
      'vault.hashicorp.com/role': 'datahub-datahub-ingestion-iceberg',
      'vault.hashicorp.com/agent-inject-secret-catalog': 'kv/data/prod/iceberg-catalog/principals/datahub',
      'vault.hashicorp.com/agent-requests-cpu': '50m',
    });
    expect(pod.metadata.annotations['vault.hashicorp.com/agent-inject-template-gms-token']).toBe(
      '{{- with secret "kv/data/prod/datahub/ingestion-token" -}}\nexport DATAHUB_GMS_TOKEN="{{ .Data.data.token }}"\n{{- end }}\n',
    );
    expect(pod.spec.containers[0].command).toEqual([
      '/bin/sh',
      '-c',
      'set -eu\n. /vault/secrets/object-store\n. /vault/secrets/gms-token\n. /vault/secrets/catalog\nexec datahub ingest -c /etc/datahub/recipe/recipe.yml',
    ]);
    expect(podOf('raw').metadata.annotations['vault.hashicorp.com/agent-inject-secret-catalog']).toBeUndefined();
  });

  it('reference in each recipe exactly the variables their agent files export', () => {
    for (const id of ['iceberg', 'raw', 'curated']) {
      const pod = podOf(id);
      const exported = Object.entries(pod.metadata.annotations as Record<string, string>)
        .filter(([k]) => k.startsWith('vault.hashicorp.com/agent-inject-template-'))
        .flatMap(([, v]) => [...v.matchAll(/export (\w+)=/g)].map((m) => m[1]))
        .sort();
      const referenced = [...new Set([...find(prod, 'ConfigMap', `datahub-ingestion-${id}`).data['recipe.yml'].matchAll(/\$\{(\w+)\}/g)].map((m: RegExpMatchArray) => m[1]))].sort();
      expect(referenced).toEqual(exported);
    }
  });

  it('are hardened: restricted, read-only root with an emptyDir /tmp, no API token, sized from the environment', () => {
    const pod = podOf('curated').spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } });
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '256Mi', 'ephemeral-storage': '64Mi' }, limits: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '1Gi' } });
    expect(pod.serviceAccountName).toBe('datahub-ingestion-s3');
  });
});

describe('ingestion recipes', () => {
  it('read the gridata REST catalog with the DataHub principal and sink into GMS with the token', () => {
    const r = recipeOf('iceberg');
    expect(r.source.type).toBe('iceberg');
    expect(r.source.config.catalog.gridata).toMatchObject({
      type: 'rest',
      uri: 'http://polaris.iceberg-catalog.svc:8181/api/catalog',
      warehouse: 'gridata',
      credential: '${GRIDATA_CATALOG_CLIENT_ID}:${GRIDATA_CATALOG_CLIENT_SECRET}',
      's3.endpoint': 'http://minio.object-store.svc:9000',
    });
    expect(r.sink).toEqual({ type: 'datahub-rest', config: { server: 'http://datahub-datahub-gms.datahub.svc:8080', token: '${DATAHUB_GMS_TOKEN}', timeout_sec: 30 } });
    expect([r.source.config.env, recipeOf('iceberg', dev).source.config.env]).toEqual(['PROD', 'DEV']);
  });

  it('describe the raw landing files and the curated Parquet files through the object store endpoint', () => {
    expect(recipeOf('raw').source.config.path_specs).toEqual([{ include: 's3://gridata-raw/raw/ecommerce/{table}/{partition[0]}/*.jsonl', default_extension: 'json', sample_files: true }]);
    expect(recipeOf('curated').source.config.path_specs[0].include).toBe('s3://gridata-curated/warehouse/*/{table}/data/**/*.parquet');
    expect(recipeOf('raw').source.config.aws_config).toMatchObject({ aws_endpoint_url: 'http://minio.object-store.svc:9000', aws_region: 'us-east-1' });
  });

  it('apply the seed\'s owners, domain and environment tag', () => {
    const types = recipeOf('iceberg').transformers.map((t: any) => t.type);
    expect(types).toEqual(['simple_add_ownership', 'simple_add_domain', 'simple_add_dataset_tags', 'pattern_add_dataset_schema_tags']);
    expect(recipeOf('iceberg').transformers[0].config.owner_urns).toEqual(['urn:li:corpuser:data-engineering']);
    expect(recipeOf('raw').transformers[0].config.owner_urns).toEqual(['urn:li:corpuser:data-platform']);
    expect(recipeOf('iceberg').transformers[1].config.domains).toEqual(['urn:li:domain:ecommerce']);
    expect([recipeOf('iceberg').transformers[2].config.tag_urns, recipeOf('iceberg', dev).transformers[2].config.tag_urns]).toEqual([
      ['urn:li:tag:Production', 'urn:li:tag:Iceberg'],
      ['urn:li:tag:Development', 'urn:li:tag:Iceberg'],
    ]);
  });

  it('tag the PII, financial and customer-data columns of orders and customers, and nothing else', () => {
    // re.match semantics: anchored at the start of DataHub's field path.
    const tagsOf = (column: string) =>
      Object.entries(FIELD_TAG_RULES)
        .filter(([pattern]) => new RegExp(`^(?:${pattern})`).test(`[version=2.0].[type=struct].[type=string].${column}`))
        .flatMap(([, tags]) => tags.map((t) => t.replace('urn:li:tag:', '')));
    const columns = ['email', 'phone', 'first_name', 'date_of_birth', 'shipping_address.street', 'customer_id', 'order_total', 'items.unit_price', 'subtotal', 'order_status', 'payment_method', 'registration_ts'];
    expect(Object.fromEntries(columns.map((c) => [c, tagsOf(c)]))).toEqual({
      email: ['PII'],
      phone: ['PII'],
      first_name: ['PII'],
      date_of_birth: ['PII'],
      'shipping_address.street': ['PII'],
      customer_id: ['CustomerData'],
      order_total: ['Financial'],
      'items.unit_price': ['Financial'],
      subtotal: ['Financial'],
      order_status: [],
      payment_method: [],
      registration_ts: [],
    });
    expect(recipeOf('iceberg').transformers[3].config.tag_pattern.first_match_only).toBe(false);
  });
});

describe('DataHub NetworkPolicies and PDBs', () => {
  it('let the ingestion jobs reach GMS, the object store, the catalog and Vault only', () => {
    const { reaches } = flowWorld('prod');
    const ingestion = 'datahub/CronJob/datahub-ingestion-iceberg';
    expect(reaches(ingestion, 'datahub/Deployment/datahub-datahub-gms', 8080)).toBe(true);
    expect(reaches(ingestion, 'object-store/StatefulSet/minio', 9000)).toBe(true);
    expect(reaches(ingestion, 'iceberg-catalog/Deployment/polaris', 8181)).toBe(true);
    expect(reaches(ingestion, 'vault/StatefulSet/vault', 8200)).toBe(true);
    expect(reaches(ingestion, 'datahub/StatefulSet/prerequisites-mysql', 3306)).toBe(false);
    expect(reaches(ingestion, 'datahub/Deployment/datahub-datahub-gms', 5701)).toBe(false);
    expect(reaches(ingestion, '140.82.112.3', 443)).toBe(false);
  });

  it('admit Airflow\'s lineage plugin and Prometheus to GMS, and the GMS replicas to each other', () => {
    const { reaches } = flowWorld('prod');
    const gms = 'datahub/Deployment/datahub-datahub-gms';
    expect(reaches('airflow/Pod/airflow-config:pod_template_file (KubernetesExecutor worker)', gms, 8080)).toBe(true);
    expect(reaches('airflow/Deployment/airflow-scheduler', gms, 8080)).toBe(false);
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', gms, 4318)).toBe(true);
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', gms, 4319)).toBe(true);
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', gms, 8080)).toBe(false);
    expect(reaches(gms, gms, 5701)).toBe(true);
    expect(reaches('datahub/Deployment/datahub-datahub-frontend', gms, 5701)).toBe(false);
  });

  it('cover GMS and the frontend with PDBs where they run several replicas', () => {
    const pdbs = (r: typeof prod) =>
      r.docs.filter((d) => d.object.kind === 'PodDisruptionBudget' && d.object.metadata.namespace === 'datahub' && d.path.includes('/datahub/')).map((d) => d.object.spec.selector.matchLabels);
    expect(pdbs(prod)).toEqual([
      { 'app.kubernetes.io/name': 'datahub-frontend', 'app.kubernetes.io/instance': 'datahub' },
      { 'app.kubernetes.io/name': 'datahub-gms', 'app.kubernetes.io/instance': 'datahub' },
    ]);
    expect(pdbs(dev)).toEqual([]);
  });
});
