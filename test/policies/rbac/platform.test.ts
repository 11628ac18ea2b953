// The RBAC claims of the platform, each evaluated with Kubernetes RBAC semantics (policies/rbac/
// evaluator.ts) over every environment's rendered objects, hydrated chart objects included: what the
// Airflow identities may do and where, where the metadata DB lives, who submits SparkApplications,
// and what each Argo CD project may apply. The mutations at the end show the claims can fail.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { RbacModel, serviceAccount, type ResourceRequest } from '../../../policies/rbac/evaluator';
import type { K8sObject, RenderedDocument } from '../../../policies/types';
import { VaultAcl } from '../../../policies/vault-acl/evaluator';
import { directoryApplies } from '../../../policies/rules/argocd/application-sources';
import { policyView } from '../../fixtures/rendered';

// Names as the claims state them: written here, never imported from the charts.
const AIRFLOW = 'airflow';
const AIRFLOW_DB = 'airflow-db';
const IDENTITIES = ['airflow-scheduler', 'airflow-worker', 'airflow-triggerer', 'airflow-dag-processor', 'airflow-api-server', 'airflow-statsd', 'airflow-cleanup', 'airflow-migrate-database-job', 'airflow-create-user-job'];
const sa = (name: string) => serviceAccount(AIRFLOW, name);
const LAUNCHER_VERBS = ['create', 'get', 'list', 'watch', 'patch', 'delete'];
const INTERACTIVE = ['pods/exec', 'pods/attach', 'pods/portforward'];

const applied = (env: EnvName) => policyView(env).documents.filter((d) => !d.reviewOnly && d.component !== 'apps');
const objects = (env: EnvName) => applied(env).map((d) => d.object);
const model = (env: EnvName, edit?: (objects: K8sObject[]) => K8sObject[]) => new RbacModel(edit ? edit(structuredClone(objects(env))) : objects(env));
const pods = (verb: string, namespace?: string, resource = 'pods'): ResourceRequest => ({ verb, apiGroup: '', resource, namespace });
const sparkApplications = (verb: string, namespace: string): ResourceRequest => ({ verb, apiGroup: 'sparkoperator.k8s.io', resource: 'sparkapplications', namespace });
const namespaces = (env: EnvName) => [...new Set(objects(env).flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : [])))].sort();

describe.each(ENVIRONMENTS)('RBAC claims (%s)', (env) => {
  it('the RBAC objects resolve: every binding names a rendered role, except Kubernetes\' built-in auth-delegator', () => {
    expect(model(env).unresolved).toEqual(['ClusterRoleBinding/vault-server-binding → ClusterRole/system:auth-delegator']);
  });

  describe('Airflow', () => {
    it('the chart\'s pod-launcher Role is gone; the executor\'s launcher Role holds pods verbs only', () => {
      const roles = applied(env).filter((d) => d.object.kind === 'Role' && d.object.metadata.namespace === AIRFLOW).map((d) => d.object.metadata.name).sort();
      expect(roles).toEqual(['airflow-cleanup-role', 'airflow-pod-log-reader-role', 'airflow-task-launcher']);
      const launcher = objects(env).find((o) => o.kind === 'Role' && o.metadata.name === 'airflow-task-launcher')!;
      expect(launcher.rules).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: LAUNCHER_VERBS }]);
    });

    it('only the scheduler launches task pods, in airflow only, with exactly the KubernetesExecutor verbs', () => {
      const m = model(env);
      for (const verb of LAUNCHER_VERBS) expect(m.namespacesFor(sa('airflow-scheduler'), verb, '', 'pods'), verb).toEqual([AIRFLOW]);
      for (const verb of ['update', 'deletecollection']) expect(m.namespacesFor(sa('airflow-scheduler'), verb, '', 'pods'), verb).toEqual([]);
      for (const resource of ['pods/log', 'pods/status', 'pods/eviction', 'pods/ephemeralcontainers', 'events', 'secrets', 'configmaps', 'serviceaccounts/token']) {
        for (const verb of ['get', 'list', 'create', 'patch']) expect(m.allows(sa('airflow-scheduler'), pods(verb, AIRFLOW, resource)), `${verb} ${resource}`).toBe(false);
      }
      const creators = IDENTITIES.filter((name) => m.namespacesFor(sa(name), 'create', '', 'pods').length > 0);
      expect(creators).toEqual(['airflow-scheduler']);
    });

    it('no Airflow identity may exec, attach or port-forward into any pod', () => {
      const m = model(env);
      for (const name of IDENTITIES) {
        for (const resource of INTERACTIVE) {
          for (const verb of ['create', 'get']) expect(m.namespacesFor(sa(name), verb, '', resource), `${name} ${verb} ${resource}`).toEqual([]);
        }
      }
    });

    it('who may create pods in airflow: the scheduler and the cluster operators (Argo CD, CloudNativePG), nothing else', () => {
      expect(model(env).whoCan(pods('create', AIRFLOW))).toEqual([
        'ServiceAccount/airflow/airflow-scheduler',
        'ServiceAccount/argocd/argocd-application-controller',
        'ServiceAccount/cnpg-system/cnpg-cloudnative-pg',
      ]);
      expect(model(env).whoCan(pods('create', AIRFLOW, 'pods/exec'))).toEqual(['ServiceAccount/argocd/argocd-application-controller', 'ServiceAccount/cnpg-system/cnpg-cloudnative-pg']);
    });

    it('the API server reads task pod logs (the executor\'s log reading runs there), nothing more', () => {
      const m = model(env);
      expect(m.allows(sa('airflow-api-server'), pods('get', AIRFLOW, 'pods/log'))).toBe(true);
      expect(m.namespacesFor(sa('airflow-api-server'), 'create', '', 'pods')).toEqual([]);
      expect(m.namespacesFor(sa('airflow-api-server'), 'delete', '', 'pods')).toEqual([]);
    });

    it('the metadata DB, its Pooler and its credentials live in airflow-db, where no Airflow identity may touch a pod or read a Secret', () => {
      const docs = objects(env);
      const cnpg = (kind: string) => docs.filter((o) => o.kind === kind && o.apiVersion.startsWith('postgresql.cnpg.io/')).map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
      expect(cnpg('Cluster')).toContain('airflow-db/airflow-db');
      expect(cnpg('Cluster').filter((c) => c.startsWith(`${AIRFLOW}/`))).toEqual([]);
      expect(cnpg('Pooler').filter((c) => c.startsWith(`${AIRFLOW}/`))).toEqual([]);
      expect(docs.filter((o) => o.kind === 'VaultStaticSecret' && o.metadata.namespace === AIRFLOW_DB).map((o) => o.metadata.name)).toContain('airflow-db-owner');
      const m = model(env);
      for (const name of IDENTITIES) {
        for (const request of [pods('create', AIRFLOW_DB), pods('patch', AIRFLOW_DB), pods('delete', AIRFLOW_DB), pods('create', AIRFLOW_DB, 'pods/exec'), pods('get', AIRFLOW_DB, 'secrets'), pods('list', AIRFLOW_DB, 'secrets')]) {
          expect(m.allows(sa(name), request), `${name} ${request.verb} ${request.resource}`).toBe(false);
        }
      }
    });

    it('no namespace where a workload may create pods holds a database: pod creators are cluster operators or outside every database namespace', () => {
      const m = model(env);
      const databaseNamespaces = objects(env).filter((o) => o.kind === 'Cluster' && o.apiVersion.startsWith('postgresql.cnpg.io/')).map((o) => o.metadata.namespace!);
      for (const ns of databaseNamespaces) {
        expect(m.whoCan(pods('create', ns)), ns).toEqual(['ServiceAccount/argocd/argocd-application-controller', 'ServiceAccount/cnpg-system/cnpg-cloudnative-pg']);
      }
    });

    it('the vault-secrets-operator-auth identity of airflow reads only what Airflow\'s own Secrets hold: no backup keys', () => {
      const config = objects(env).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'vault-configuration')!;
      const acl = VaultAcl.fromHcl([{ name: 'vso', hcl: config.data['policy-airflow-vault-secrets-operator-auth.hcl'] }]);
      expect(acl.allows(`kv/data/${env}/airflow/fernet`, 'read')).toBe(true);
      // The owner credentials compose Airflow's own connection Secret (airflow-metadata-db).
      expect(acl.allows(`kv/data/${env}/airflow/airflow-db-owner`, 'read')).toBe(true);
      expect(acl.allows(`kv/data/${env}/postgres/offsite-backup`, 'read')).toBe(false);
      expect(acl.allows(`kv/data/${env}/object-store/users/postgres-backup`, 'read')).toBe(false);
      const synced = objects(env).filter((o) => o.kind === 'VaultStaticSecret' && o.metadata.namespace === AIRFLOW);
      expect(synced.map((o) => o.metadata.name).sort()).toEqual(['airflow-api-secret', 'airflow-fernet', 'airflow-jwt', 'airflow-metadata-db']);
      // Of every path any identity of the platform declares, it reads exactly the sources of the
      // Secrets VSO writes into airflow: a pod running as it learns nothing a pod there cannot mount.
      const declared: string[] = JSON.parse(config.data['configuration.json']).roles.flatMap((r: any) => r.declared.map((d: any) => d.path));
      const readable = [...new Set(declared.filter((p) => acl.allows(p, 'read')))].sort();
      expect(readable).toEqual([...new Set(synced.map((o) => `${o.spec.mount}/data/${o.spec.path}`))].sort());
    });
  });

  describe('SparkApplications', () => {
    it('only the task pods (airflow-worker) submit SparkApplications, and only into spark-jobs', () => {
      const m = model(env);
      const submitters = IDENTITIES.filter((name) => m.namespacesFor(sa(name), 'create', 'sparkoperator.k8s.io', 'sparkapplications').length > 0);
      expect(submitters).toEqual(['airflow-worker']);
      expect(m.namespacesFor(sa('airflow-worker'), 'create', 'sparkoperator.k8s.io', 'sparkapplications')).toEqual(['spark-jobs']);
      for (const ns of namespaces(env).filter((n) => n !== 'spark-jobs')) expect(m.allows(sa('airflow-worker'), sparkApplications('create', ns)), ns).toBe(false);
      expect(m.allows(sa('airflow-worker'), pods('create', 'spark-jobs'))).toBe(false);
      expect(m.allows(sa('airflow-worker'), pods('get', 'spark-jobs', 'pods/log'))).toBe(true);
    });
  });

  describe('Argo CD projects', () => {
    const projects = () => new Map(applied(env).filter((d) => d.object.kind === 'AppProject').map((d) => [d.object.metadata.name.replace(`gridata-${env}-`, ''), d.object]));
    const applications = () => policyView(env).documents.filter((d) => d.object.kind === 'Application' && d.component === 'apps' && !d.file.endsWith('/bootstrap.yaml'));
    /** What each Application applies: the documents of its folder that its directory source includes. */
    const appliedBy = (app: RenderedDocument) => {
      const path: string = app.object.spec.source.path;
      const folder = path.split('/')[2]!;
      return policyView(env).documents.filter((d) => d.component === folder && !d.reviewOnly && directoryApplies(app.object, path, d.file.slice(d.file.lastIndexOf('/') + 1)));
    };
    const clusterKindsOf = (docs: RenderedDocument[]) => [...new Set(docs.filter((d) => !d.object.metadata.namespace).map((d) => `${d.object.apiVersion.includes('/') ? d.object.apiVersion.split('/')[0] : ''}/${d.object.kind}`))].sort();

    it('each project admits exactly the cluster-scoped kinds its Applications\' folders hold; data none', () => {
      const byProject = new Map<string, RenderedDocument[]>();
      for (const app of applications()) {
        const project = app.object.spec.project.replace(`gridata-${env}-`, '');
        byProject.set(project, [...(byProject.get(project) ?? []), ...appliedBy(app)]);
      }
      for (const [name, project] of projects()) {
        const admitted = (project.spec.clusterResourceWhitelist ?? []).map((k: any) => `${k.group}/${k.kind}`).sort();
        expect(admitted, name).toEqual(clusterKindsOf(byProject.get(name) ?? []));
      }
      expect(projects().get('data')!.spec.clusterResourceWhitelist).toEqual([]);
      expect(applications().find((a) => a.object.metadata.name === `${env}-spark-operator`)!.object.spec.project).toBe(`gridata-${env}-platform`);
    });

    it('the bootstrap project cannot change an AppProject: it admits Applications only, and only the Argo CD component (platform) applies AppProjects', () => {
      const bootstrap = projects().get('bootstrap')!;
      expect(bootstrap.spec.namespaceResourceWhitelist).toEqual([{ group: 'argoproj.io', kind: 'Application' }]);
      expect(bootstrap.spec.clusterResourceWhitelist).toEqual([]);
      const appliers = applications().filter((a) => appliedBy(a).some((d) => d.object.kind === 'AppProject'));
      expect(appliers.map((a) => `${a.object.metadata.name} (${a.object.spec.project})`)).toEqual([`${env}-argocd (gridata-${env}-platform)`]);
      const root = applications().find((a) => a.object.metadata.name === `${env}-gridata-root`)!;
      expect(root.object.spec.project).toBe(`gridata-${env}-bootstrap`);
      expect([...new Set(appliedBy(root).map((d) => d.object.kind))]).toEqual(['Application']);
      // Every AppProject rendered is applied by that one Application (none is left to the bootstrap copies).
      expect(appliedBy(appliers[0]!).filter((d) => d.object.kind === 'AppProject').map((d) => d.object.metadata.name).sort()).toEqual(
        [...projects().keys()].map((p) => `gridata-${env}-${p}`).sort(),
      );
    });
  });
});

describe('RBAC claims can fail', () => {
  it('the chart\'s pod-launcher Role back (exec, bound to worker and triggerer) breaks the launcher and exec claims', () => {
    const m = model('prod', (docs) => [
      ...docs,
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'airflow-pod-launcher-role', namespace: AIRFLOW }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: LAUNCHER_VERBS }, { apiGroups: [''], resources: ['pods/exec'], verbs: ['create', 'get'] }] },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'airflow-pod-launcher-rolebinding', namespace: AIRFLOW },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'airflow-pod-launcher-role' },
        subjects: ['airflow-scheduler', 'airflow-worker', 'airflow-triggerer'].map((name) => ({ kind: 'ServiceAccount', name, namespace: AIRFLOW })),
      },
    ]);
    expect(IDENTITIES.filter((name) => m.namespacesFor(sa(name), 'create', '', 'pods').length > 0)).toEqual(['airflow-scheduler', 'airflow-worker', 'airflow-triggerer']);
    expect(m.namespacesFor(sa('airflow-worker'), 'create', '', 'pods/exec')).toEqual([AIRFLOW]);
  });

  it('the metadata DB back in airflow sits beside the scheduler\'s pod rights', () => {
    const docs = structuredClone(objects('prod')).map((o) => (o.kind === 'Cluster' && o.metadata.name === 'airflow-db' ? { ...o, metadata: { ...o.metadata, namespace: AIRFLOW } } : o));
    const m = new RbacModel(docs);
    const databaseNamespaces = docs.filter((o) => o.kind === 'Cluster' && o.apiVersion.startsWith('postgresql.cnpg.io/')).map((o) => o.metadata.namespace!);
    expect(databaseNamespaces).toContain(AIRFLOW);
    expect(m.whoCan(pods('create', AIRFLOW))).toContain('ServiceAccount/airflow/airflow-scheduler');
    expect(m.whoCan(pods('delete', AIRFLOW))).toContain('ServiceAccount/airflow/airflow-cleanup');
  });

  it('binding the scheduler to the SparkApplication Role breaks the submitter claim', () => {
    const m = model('prod', (docs) =>
      docs.map((o) => (o.kind === 'RoleBinding' && o.metadata.name === 'airflow-spark-submitter' ? { ...o, subjects: [...o.subjects, { kind: 'ServiceAccount', name: 'airflow-scheduler', namespace: AIRFLOW }] } : o)),
    );
    expect(IDENTITIES.filter((name) => m.namespacesFor(sa(name), 'create', 'sparkoperator.k8s.io', 'sparkapplications').length > 0)).toEqual(['airflow-scheduler', 'airflow-worker']);
  });

  it('a namespace-wide group binding of the launcher Role would hand pod creation to every Airflow identity', () => {
    const m = model('prod', (docs) =>
      docs.map((o) => (o.kind === 'RoleBinding' && o.metadata.name === 'airflow-task-launcher' ? { ...o, subjects: [{ kind: 'Group', name: `system:serviceaccounts:${AIRFLOW}` }] } : o)),
    );
    expect(IDENTITIES.filter((name) => m.namespacesFor(sa(name), 'create', '', 'pods').length > 0)).toEqual(IDENTITIES);
  });
});

describe('the DAGs match the bindings', () => {
  const dags = join(__dirname, '../../../dags');
  const sources = [...readdirSync(dags).filter((f) => f.endsWith('.py')).map((f) => join(dags, f)), ...readdirSync(join(dags, 'gridata_dags')).filter((f) => f.endsWith('.py')).map((f) => join(dags, 'gridata_dags', f))];
  const text = (f: string) => readFileSync(f, 'utf8');

  it('Spark jobs are submitted by one operator that runs in the task pod (not deferrable): the worker identity alone needs the SparkApplication Role', () => {
    const submitting = sources.filter((f) => /SparkKubernetesOperator|KubernetesPodOperator|KubernetesJobOperator/.test(text(f))).map((f) => f.slice(dags.length + 1));
    expect(submitting).toEqual(['gridata_dags/spark.py']);
    expect(text(join(dags, 'gridata_dags/spark.py'))).not.toMatch(/deferrable/);
  });

  it('the only deferred tasks are S3 sensors: the triggerer needs no Kubernetes API access', () => {
    const deferring = sources.filter((f) => /deferrable\s*=\s*True/.test(text(f))).map((f) => f.slice(dags.length + 1));
    expect(deferring).toEqual(['gridata_dags/landing.py']);
    expect(text(join(dags, 'gridata_dags/landing.py'))).toMatch(/S3KeySensor\(/);
  });
});
