// What Argo CD would and would not delete when a commit removes a component (its dist folder and
// its Application file), modelled from the rendered objects' sync options (tools/argocd/prune-model.ts).
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../environments/catalog';
import { policyView } from '../fixtures/rendered';
import type { RenderedEnvironment } from '../../policies/types';
import { statefulReason } from '../../policies/rules/argocd/stateful-protection';
import { SYNC_OPTIONS_ANNOTATION, emptyFolderSync, ref, removeComponent, type ManagedObject } from '../../tools/argocd/prune-model';

const rendered = Object.fromEntries(ENVIRONMENTS.map((env) => [env, policyView(env)])) as Record<string, RenderedEnvironment>;
const prod = rendered.prod!;

const isStateful = (o: ManagedObject) =>
  o.kind.startsWith('chart ') || prod.documents.some((d) => d.object.kind === o.kind && d.object.metadata.name === o.name && d.object.metadata.namespace === o.namespace && statefulReason(d.object));

/** The same environment with every sync-options annotation removed (what the protections prevent). */
function unprotected(env: RenderedEnvironment): RenderedEnvironment {
  const strip = (annotations: Record<string, string> | undefined) => {
    if (!annotations) return annotations;
    const { [SYNC_OPTIONS_ANNOTATION]: _removed, ...rest } = annotations;
    return rest;
  };
  const documents = env.documents.map((d) => ({ ...d, object: { ...d.object, metadata: { ...d.object.metadata, annotations: strip(d.object.metadata.annotations) } } }));
  return { ...env, documents, charts: [] };
}

describe('removing a component from prod (folder and Application file)', () => {
  it('the model’s assumptions hold: Applications cascade with the foreground finalizer, refuse empty auto-syncs, carry no Prune=false', () => {
    const apps = prod.documents.filter((d) => d.object.kind === 'Application');
    expect(apps.length).toBeGreaterThan(10);
    for (const app of apps) {
      expect(app.object.metadata.finalizers, app.object.metadata.name).toEqual(['resources-finalizer.argocd.argoproj.io/foreground']);
      expect(app.object.spec.syncPolicy.automated).toMatchObject({ prune: true, allowEmpty: false });
      expect(app.object.metadata.annotations?.[SYNC_OPTIONS_ANNOTATION]).toBeUndefined();
    }
  });

  it('postgres: the CNPG Clusters stay; their NetworkPolicies and ScheduledBackups go', () => {
    const outcome = removeComponent(prod, 'postgres');
    expect(outcome.kept.map(ref)).toEqual(['postgres Cluster/airflow-db/airflow-db', 'postgres Cluster/iceberg-catalog/catalog-db']);
    // Per cluster: the instances' ingress and egress policies, the bootstrap Jobs' and the join Job's egress.
    expect(outcome.deleted.map((o) => o.kind).sort()).toEqual([...Array(8).fill('NetworkPolicy'), 'ScheduledBackup', 'ScheduledBackup']);
    expect(outcome.deletedWithNamespace).toEqual([]);
  });

  it('namespaces: every Namespace stays, so nothing in them goes; quotas, limit ranges and policies go', () => {
    const outcome = removeComponent(prod, 'namespaces');
    expect(outcome.kept.every((o) => o.kind === 'Namespace')).toBe(true);
    expect(outcome.kept).toHaveLength(prod.documents.filter((d) => d.object.kind === 'Namespace').length);
    expect(new Set(outcome.deleted.map((o) => o.kind))).toEqual(new Set(['LimitRange', 'NetworkPolicy', 'ResourceQuota']));
    expect(outcome.deletedWithNamespace).toEqual([]);
  });

  it('object-store: the MinIO StatefulSet stays; its Services, Job and policies go', () => {
    const outcome = removeComponent(prod, 'object-store');
    expect(outcome.kept.map(ref)).toEqual(['object-store StatefulSet/object-store/minio']);
    expect(outcome.deleted.map((o) => o.kind)).toContain('Service');
  });

  it('vault and monitoring: the chart-made stateful objects stay (Vault StatefulSet and data, Prometheus, Alertmanager, Grafana)', () => {
    // The charts are hydrated: their StatefulSet and custom resources are judged as the objects they are.
    expect(removeComponent(prod, 'vault').kept.map(ref)).toEqual(['vault StatefulSet/vault/vault']);
    expect(removeComponent(prod, 'monitoring').kept.map(ref)).toEqual([
      'monitoring Alertmanager/monitoring/kube-prometheus-stack-alertmanager',
      'monitoring Prometheus/monitoring/kube-prometheus-stack-prometheus',
      // Annotated by the component's postRender: the chart's annotation key reaches other objects too.
      'monitoring StatefulSet/monitoring/kube-prometheus-stack-grafana',
    ]);
  });

  it('in every environment, removing any component deletes no stateful object, directly or with its Namespace', () => {
    for (const env of ENVIRONMENTS) {
      const r = rendered[env]!;
      for (const component of r.folders.filter((f) => f !== 'apps')) {
        const outcome = removeComponent(r, component);
        const lost = [...outcome.deleted, ...outcome.deletedWithNamespace].filter(
          (o) => o.kind.startsWith('chart ') || r.documents.some((d) => d.object.kind === o.kind && d.object.metadata.name === o.name && d.object.metadata.namespace === o.namespace && statefulReason(d.object)),
        );
        expect(lost.map(ref), `${env}: removing ${component}`).toEqual([]);
      }
    }
  });

  it('without the protections the same commit would take the databases with their Namespaces (the model can fail)', () => {
    const outcome = removeComponent(unprotected(prod), 'namespaces');
    expect(outcome.kept).toEqual([]);
    const lost = outcome.deletedWithNamespace.map(ref);
    expect(lost).toContain('postgres Cluster/airflow-db/airflow-db');
    expect(lost).toContain('object-store StatefulSet/object-store/minio');
    expect(removeComponent(unprotected(prod), 'postgres').deleted.filter(isStateful).map(ref)).toEqual([
      'postgres Cluster/airflow-db/airflow-db',
      'postgres Cluster/iceberg-catalog/catalog-db',
    ]);
  });
});

describe('emptying a component folder while its Application stays', () => {
  it('automated sync refuses to prune everything (allowEmpty: false)', () => {
    const outcome = emptyFolderSync(prod, 'postgres', { automated: true, allowEmpty: false });
    expect(outcome.refused).toMatch(/allowEmpty: false/);
    expect(outcome.deleted).toEqual([]);
  });

  it('a manual sync with prune keeps the Prune=false objects', () => {
    const outcome = emptyFolderSync(prod, 'postgres', { automated: false, allowEmpty: false });
    expect(outcome.kept.map(ref)).toEqual(['postgres Cluster/airflow-db/airflow-db', 'postgres Cluster/iceberg-catalog/catalog-db']);
    expect(outcome.deleted).toHaveLength(10);
  });
});
