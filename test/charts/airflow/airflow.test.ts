// The Airflow component: chart values per environment, Vault wiring, Spark RBAC and network flows.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../../../charts';
import { helmTplLiterals } from '../../../charts/shared/helm-tpl';
import { valuesResourcesWithScratch } from '../../../charts/shared/resources';
import { airflowAgentAnnotations } from '../../../charts/airflow/vault';
import { valueAt } from '../../../policies/helpers';
import { collectVaultConsumers } from '../../../render/pipeline';
import type { Environment } from '../../../environments/types';
import { loadEnvironment } from '../../../environments/load';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { environment, renderedEnvironment, chartRelease, chartValues } from '../../fixtures/rendered';
import { flowWorld } from '../../fixtures/flows';

const vaultConsumers = (env: Environment) => collectVaultConsumers(env, COMPONENTS);

function rendered(name: EnvName) {
  const fixture = renderedEnvironment(name);
  const { env, docs } = fixture;
  const app = docs.find((d) => d.object.kind === 'Application' && d.object.metadata.name === `${name}-airflow`)!.object;
  return { env, docs, app, helm: chartRelease(fixture, 'airflow', 'airflow'), values: chartValues(fixture, 'airflow', 'airflow') };
}

/** The Airflow release the DAGs are tested on: the apache-airflow pin of dags/requirements.lock. */
const DAGS_AIRFLOW = /^apache-airflow==(\S+)$/m.exec(readFileSync(join(__dirname, '../../../dags/requirements.lock'), 'utf8'))![1]!;

const prod = rendered('prod');
const dev = rendered('dev');
const byName = (kind: string, name: string) => prod.docs.find((d) => d.object.kind === kind && d.object.metadata.name === name)?.object;

describe('Airflow chart values', () => {
  it('runs, in every environment, the Airflow release dags/requirements.lock tests the DAGs on, at the pinned chart', () => {
    for (const name of ENVIRONMENTS) {
      const { env, helm, values } = rendered(name);
      expect(helm, name).toMatchObject({ repository: 'https://airflow.apache.org', chart: 'airflow', version: env.versions.airflow.chart });
      expect(values, name).toMatchObject({ airflowVersion: DAGS_AIRFLOW, defaultAirflowTag: DAGS_AIRFLOW, defaultAirflowRepository: 'apache/airflow', executor: 'KubernetesExecutor' });
    }
  });

  it('git-syncs dags/ of this repository at the environment revision', () => {
    expect(prod.values.dags.gitSync).toMatchObject({ enabled: true, repo: 'https://github.com/gridata/gridata.git', branch: 'main', ref: 'main', subPath: 'dags' });
    expect(prod.values.images.gitSync).toEqual({ repository: 'registry.k8s.io/git-sync/git-sync', tag: 'v4.4.2', pullPolicy: 'Always' });
  });

  it('references every chart secret by name and never lets the chart generate one', () => {
    expect(prod.values).toMatchObject({
      fernetKeySecretName: 'airflow-fernet',
      apiSecretKeySecretName: 'airflow-api-secret',
      jwtSecretName: 'airflow-jwt',
      data: { metadataSecretName: 'airflow-metadata-db', brokerUrlSecretName: 'airflow-broker-url' },
      postgresql: { enabled: false },
      pgbouncer: { enabled: false },
    });
    for (const key of ['fernetKey', 'apiSecretKey', 'jwtSecret']) expect(prod.values[key]).toBeUndefined();
  });

  it('syncs those four secrets from Vault through VSO', () => {
    const synced = vaultConsumers(prod.env).filter((c) => c.owner === 'airflow' && c.consumer.kind === 'synced').map((c) => c.consumer);
    expect(synced.map((s) => (s.kind === 'synced' ? [s.secretName, s.path] : []))).toEqual([
      ['airflow-fernet', 'prod/airflow/fernet'],
      ['airflow-api-secret', 'prod/airflow/api-secret'],
      ['airflow-jwt', 'prod/airflow/jwt'],
      ['airflow-metadata-db', 'prod/airflow/airflow-db-owner'],
    ]);
  });

  it('composes the metadata connection from the CNPG owner credentials, through PgBouncer in prod and directly in dev', () => {
    const connection = (name: EnvName) => {
      const env = loadEnvironment(name);
      const secret = vaultConsumers(env).find((c) => c.consumer.kind === 'synced' && c.consumer.secretName === 'airflow-metadata-db')!.consumer;
      return secret.kind === 'synced' ? secret.templates?.connection : undefined;
    };
    expect(connection('prod')).toBe(
      'postgresql://{{ get .Secrets "username" | urlquery }}:{{ get .Secrets "password" | urlquery }}@airflow-db-pooler.airflow-db.svc:5432/airflow?sslmode=require',
    );
    expect(connection('dev')).toContain('@airflow-db-rw.airflow-db.svc:5432/airflow');
  });

  it('turns Helm hooks into an Argo CD Sync Job', () => {
    expect(prod.values.migrateDatabaseJob).toMatchObject({ useHelmHooks: false, applyCustomEnv: false, jobAnnotations: { 'argocd.argoproj.io/hook': 'Sync' } });
    expect(prod.values.createUserJob).toMatchObject({ enabled: false, useHelmHooks: false });
  });

  it('uses the Vault secrets backend with Kubernetes auth, one role per component', () => {
    expect(prod.values.config.secrets.backend).toBe('airflow.providers.hashicorp.secrets.vault.VaultBackend');
    const kwargs = (component: string) => JSON.parse(valueAt(prod.values, component).env.find((e: { name: string }) => e.name === 'AIRFLOW__SECRETS__BACKEND_KWARGS').value);
    expect(kwargs('workers.kubernetes')).toEqual({
      url: 'http://vault.vault.svc:8200',
      auth_type: 'kubernetes',
      auth_mount_point: 'kubernetes',
      kubernetes_role: 'airflow-airflow-worker',
      kubernetes_jwt_path: '/var/run/secrets/vault/token',
      mount_point: 'kv',
      kv_engine_version: 2,
      connections_path: 'prod/airflow/connections',
      variables_path: 'prod/airflow/variables',
      config_path: null,
    });
    expect(kwargs('scheduler').kubernetes_role).toBe('airflow-airflow-scheduler');
    expect(kwargs('apiServer').kubernetes_role).toBe('airflow-airflow-api-server');
    expect(JSON.parse(prod.values.config.secrets.backend_kwargs).kubernetes_role).toBe('airflow-airflow-scheduler');
  });

  it('injects task pods with Vault in pre-populate-only mode and keeps the agent on long-running pods', () => {
    expect(prod.values.workers.kubernetes.podAnnotations).toMatchObject({
      'vault.hashicorp.com/agent-inject': 'true',
      'vault.hashicorp.com/role': 'airflow-airflow-worker',
      'vault.hashicorp.com/agent-pre-populate-only': 'true',
      'vault.hashicorp.com/agent-inject-secret-object-store': 'kv/data/prod/object-store/users/airflow',
    });
    expect(prod.values.apiServer.podAnnotations['vault.hashicorp.com/agent-pre-populate-only']).toBeUndefined();
  });

  it('passes the agent templates to the chart as Helm literals, since the chart runs tpl over podAnnotations', () => {
    // The chart's `tpl` turns each {{`…`}} back into the braces; test/charts/airflow/airflow-chart.test.ts
    // proves on helm's output that the pods get airflowAgentAnnotations byte for byte.
    expect(prod.values.workers.kubernetes.podAnnotations['vault.hashicorp.com/agent-inject-template-object-store']).toBe(
      '{{`{{`}}- with secret "kv/data/prod/object-store/users/airflow" -{{`}}`}}\n[default]\naws_access_key_id = {{`{{`}} .Data.data.accessKey {{`}}`}}\n' +
        'aws_secret_access_key = {{`{{`}} .Data.data.secretKey {{`}}`}}\n{{`{{`}}- end {{`}}`}}\n',
    );
    for (const [component, identity] of [['apiServer', 'apiServer'], ['triggerer', 'triggerer'], ['workers.kubernetes', 'worker']] as const) {
      const intended = airflowAgentAnnotations(prod.env, identity);
      expect(valueAt(prod.values, component).podAnnotations, component).toEqual(helmTplLiterals(intended));
      expect(intended['vault.hashicorp.com/agent-inject-template-object-store'], component).toContain('aws_access_key_id = {{ .Data.data.accessKey }}');
    }
  });

  it('pins the injected agent\'s securityContext (uid 100, gid 1000) on every agent pod', () => {
    for (const component of ['apiServer', 'triggerer', 'workers.kubernetes']) {
      expect(valueAt(prod.values, component).podAnnotations, component).toMatchObject({
        'vault.hashicorp.com/agent-set-security-context': 'true',
        'vault.hashicorp.com/agent-run-as-user': '100',
        'vault.hashicorp.com/agent-run-as-group': '1000',
      });
    }
  });

  it('configures KubernetesExecutor task pods through workers.kubernetes only, and no Celery worker ServiceAccount', () => {
    const { kubernetes, ...flat } = prod.values.workers;
    expect(Object.keys(kubernetes).sort()).toEqual(['env', 'podAnnotations', 'resources', 'serviceAccount']);
    expect(kubernetes.serviceAccount).toEqual({ create: true, name: 'airflow-worker' });
    expect(flat).toEqual({ celery: { serviceAccount: { create: false } } });
  });

  it('puts every pod under Pod Security restricted: pod-level non-root and RuntimeDefault seccomp, containers drop ALL', () => {
    const restrictedContainer = { allowPrivilegeEscalation: false, privileged: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } };
    expect(prod.values.securityContexts).toEqual({
      pod: { runAsNonRoot: true, runAsUser: 50000, runAsGroup: 0, fsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } },
      containers: { ...restrictedContainer, readOnlyRootFilesystem: false },
    });
    expect(prod.values.statsd.securityContexts).toEqual({
      pod: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
      container: { ...restrictedContainer, readOnlyRootFilesystem: true },
    });
    expect(prod.values.dags.gitSync.securityContexts).toEqual({ container: { ...restrictedContainer, readOnlyRootFilesystem: false, runAsUser: 65533 } });
  });

  it('runs the log-groomer sidecars read-only (the clean-logs loop writes only to the logs volume)', () => {
    for (const component of ['scheduler', 'dagProcessor', 'triggerer']) {
      expect(prod.values[component].logGroomerSidecar.securityContexts, component).toEqual({
        container: { allowPrivilegeEscalation: false, privileged: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' }, readOnlyRootFilesystem: true },
      });
    }
  });

  it('sizes every component from its environment file plus the scratch bound, with a PDB wherever it runs more than one replica', () => {
    const valuesResources = valuesResourcesWithScratch;
    expect(valuesResources(prod.env.sizing.airflow.statsd)).toMatchObject({ requests: { 'ephemeral-storage': '64Mi' }, limits: { 'ephemeral-storage': '1Gi' } });
    for (const name of ENVIRONMENTS) {
      const { env, values } = rendered(name);
      const sizing = env.sizing.airflow;
      for (const component of ['scheduler', 'apiServer', 'dagProcessor', 'triggerer'] as const) {
        expect(values[component].replicas, `${name} ${component}`).toBe(sizing[component].replicas);
        expect(values[component].resources, `${name} ${component}`).toEqual(valuesResources(sizing[component]));
        expect(values[component].podDisruptionBudget, `${name} ${component}`).toEqual({ enabled: (sizing[component].replicas ?? 1) > 1, config: { maxUnavailable: 1 } });
      }
      expect(values.workers.kubernetes.resources, name).toEqual(valuesResources(sizing.workers));
      expect(values.dags.gitSync.resources, name).toEqual(valuesResources(sizing.gitSync));
      expect(values.statsd, name).toMatchObject({ enabled: true, resources: valuesResources(sizing.statsd) });
    }
  });

  it('mounts the spark-application-specs ConfigMap where the DAGs read it, and logs to the object store', () => {
    expect(prod.values.volumes).toContainEqual({ name: 'spark-application-specs', configMap: { name: 'spark-application-specs' } });
    expect(prod.values.volumeMounts).toContainEqual({ name: 'spark-application-specs', mountPath: '/opt/airflow/spark-specs', readOnly: true });
    expect(prod.values.env).toContainEqual({ name: 'GRIDATA_SPARK_SPECS_DIR', value: '/opt/airflow/spark-specs' });
    expect(prod.values.config.logging).toEqual({ remote_logging: 'True', remote_base_log_folder: 's3://gridata-archive/airflow-logs', remote_log_conn_id: 'gridata_s3' });
  });
});

describe('Airflow manifests of ours', () => {
  it('lets only the task pods submit and watch SparkApplications, in spark-jobs only', () => {
    const role = byName('Role', 'airflow-spark-submitter');
    expect(role.metadata.namespace).toBe('spark-jobs');
    expect(role.rules[0]).toEqual({ apiGroups: ['sparkoperator.k8s.io'], resources: ['sparkapplications'], verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'] });
    expect(role.rules[2]).toEqual({ apiGroups: [''], resources: ['pods', 'pods/log', 'events'], verbs: ['get', 'list', 'watch'] });
    const binding = byName('RoleBinding', 'airflow-spark-submitter');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'airflow-worker', namespace: 'airflow' }]);
  });

  it('puts PgBouncer (a CNPG Pooler) in front of the metadata DB only where the environment asks for it', () => {
    expect(byName('Pooler', 'airflow-db-pooler').spec).toMatchObject({ cluster: { name: 'airflow-db' }, instances: 2, type: 'rw' });
    expect(dev.docs.some((d) => d.object.kind === 'Pooler')).toBe(false);
  });

  it('allows task pods to reach the API server on 8080 and Airflow pods to reach Vault, the object store and the Kubernetes API', () => {
    const { reaches } = flowWorld('prod');
    const worker = 'airflow/Pod/airflow-config:pod_template_file (KubernetesExecutor worker)';
    const api = environment('prod').network.kubeApiServer;
    expect(reaches(worker, 'airflow/Deployment/airflow-api-server', 8080)).toBe(true);
    expect(reaches(worker, 'airflow/Deployment/airflow-api-server', 8793)).toBe(false);
    expect(reaches('airflow/Deployment/airflow-api-server', worker, 8793)).toBe(true);
    for (const pod of [worker, 'airflow/Deployment/airflow-scheduler', 'airflow/Deployment/airflow-triggerer', 'airflow/Deployment/airflow-dag-processor', 'airflow/Deployment/airflow-api-server']) {
      expect(reaches(pod, 'vault/StatefulSet/vault', 8200), pod).toBe(true);
      expect(reaches(pod, 'airflow-db/Pooler/airflow-db-pooler', 5432), pod).toBe(true);
      expect(reaches(pod, 'airflow/Deployment/airflow-statsd', 9125, 'UDP'), pod).toBe(true);
    }
    expect(reaches(worker, 'object-store/StatefulSet/minio', 9000)).toBe(true);
    expect(reaches('airflow/Deployment/airflow-scheduler', 'object-store/StatefulSet/minio', 9000)).toBe(false);
    expect(reaches('airflow/Deployment/airflow-scheduler', api.cidrs[0]!, api.port)).toBe(true);
    expect(reaches('airflow/Deployment/airflow-dag-processor', api.cidrs[0]!, api.port)).toBe(false);
    // git-sync: the Git host on HTTPS, nothing else outside.
    expect(reaches(worker, '140.82.112.3', 443)).toBe(true);
    expect(reaches(worker, '8.8.8.8', 443)).toBe(false);
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', 'airflow/Deployment/airflow-statsd', 9102)).toBe(true);
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', 'airflow/Deployment/airflow-scheduler', 9102)).toBe(false);
  });
});

describe('Airflow chart objects as hydrated', () => {
  const podOf = (o: any) => (o.kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template);
  const workloads = (name: EnvName) =>
    renderedEnvironment(name).docs.map((d) => d.object).filter((o) => o.metadata?.namespace === 'airflow' && ['Deployment', 'Job', 'CronJob'].includes(o.kind) && o.metadata.labels?.tier === 'airflow');

  it('states every pod\'s token explicitly: only pods whose ServiceAccount a RoleBinding grants API access mount one', () => {
    for (const name of ENVIRONMENTS) {
      const tokens = Object.fromEntries(workloads(name).map((o) => [`${o.kind}/${o.metadata.name}`, podOf(o).spec.automountServiceAccountToken]));
      expect(tokens, name).toEqual({
        'CronJob/airflow-cleanup': true,
        'Deployment/airflow-api-server': true,
        'Deployment/airflow-dag-processor': false,
        'Deployment/airflow-scheduler': true,
        'Deployment/airflow-statsd': false,
        'Deployment/airflow-triggerer': false,
        'Job/airflow-run-airflow-migrations': false,
      });
      const bound = new Set(
        renderedEnvironment(name).docs.filter((d) => d.object.kind === 'RoleBinding').flatMap((d) => d.object.subjects.map((s: any) => `${s.namespace}/${s.name}`)),
      );
      for (const o of workloads(name).filter((w) => podOf(w).spec.automountServiceAccountToken)) {
        expect(bound.has(`airflow/${podOf(o).spec.serviceAccountName}`), `${name} ${o.metadata.name}`).toBe(true);
      }
    }
  });

  it('probes git-sync on the HTTP port the chart binds it to, with different readiness and liveness checks', () => {
    const gitSyncs = workloads('prod').flatMap((o) => podOf(o).spec.containers.filter((c: any) => c.name === 'git-sync').map((c: any) => [o.metadata.name, c] as const));
    expect(gitSyncs.map(([name]) => name).sort()).toEqual(['airflow-dag-processor', 'airflow-triggerer']);
    for (const [name, c] of gitSyncs) {
      expect(c.env.find((e: any) => e.name === 'GITSYNC_HTTP_BIND').value, name).toBe(':1234');
      // Ready once synced; alive while the server answers (a failing sync ends the process itself).
      expect(c.readinessProbe, name).toEqual({ httpGet: { path: '/', port: 1234 }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
      expect(c.livenessProbe, name).toEqual({ tcpSocket: { port: 1234 }, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 });
    }
  });
});

describe('Airflow images', () => {
  it('pulls the long-running and job images Always (pinned tags re-checked), task pods IfNotPresent', () => {
    expect(prod.values.images).toMatchObject({ airflow: { pullPolicy: 'Always' }, statsd: { pullPolicy: 'Always' }, gitSync: { pullPolicy: 'Always' } });
    expect(prod.values.images.pod_template).toBeUndefined();
  });
});
