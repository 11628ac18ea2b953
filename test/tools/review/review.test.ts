import { describe, expect, it } from 'vitest';
import { review } from '../../../tools/review/review';
import { reviewMarkdown } from '../../../tools/review/markdown';
import { minioStatefulSet, namespace, pins, renderedFiles } from './fixtures';

const MINIO = 'objectStore.images.minio';
const OLD = 'quay.io/minio/minio:RELEASE.2025-04-08T15-41-24Z';
const NEW = 'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z';

const samePins = pins({ dev: { [MINIO]: OLD }, staging: { [MINIO]: OLD }, prod: { [MINIO]: OLD } });

function reviewOf(baseFiles: Record<string, object[]>, headFiles: Record<string, object[]>, basePins = samePins, headPins = samePins) {
  return review({ base: { files: renderedFiles(baseFiles), pins: basePins }, head: { files: renderedFiles(headFiles), pins: headPins } });
}

const risks = (r: ReturnType<typeof review>) => r.flags.filter((f) => f.severity === 'risk').map((f) => `${f.env}: ${f.message}`);

describe('review: object matching', () => {
  it('reports nothing when both sides render the same objects, even from differently split files', () => {
    const ns = [namespace('a'), namespace('b')];
    const r = reviewOf({ 'dev/namespaces/all.yaml': ns }, { 'dev/namespaces/a.yaml': [ns[0]!], 'dev/namespaces/b.yaml': [ns[1]!] });
    expect(r.changes.map((c) => `${c.status} ${c.object.name}`)).toEqual(['changed a', 'changed b']);
    expect(r.changes.every((c) => c.fields.length === 0)).toBe(true);
    expect(r.flags).toEqual([]);
  });

  it('matches by environment, kind, namespace and name and lists added, removed and changed objects', () => {
    const r = reviewOf(
      { 'staging/object-store/sts.yaml': [minioStatefulSet('staging')], 'staging/namespaces/ns.yaml': [namespace('old')] },
      { 'staging/object-store/sts.yaml': [minioStatefulSet('staging', { image: NEW })], 'staging/namespaces/ns.yaml': [namespace('new')] },
    );
    expect(r.changes.map((c) => `${c.env} ${c.folder} ${c.status} ${c.object.kind} ${c.object.name}`)).toEqual([
      'staging namespaces added Namespace new',
      'staging namespaces removed Namespace old',
      'staging object-store changed StatefulSet minio',
    ]);
    expect(r.changes[2]!.fields).toEqual([{ path: 'spec.template.spec.containers[name=minio].image', before: OLD, after: NEW }]);
  });
});

describe('review: risk flags', () => {
  const deletionCases: [string, object, string][] = [
    ['StatefulSet', minioStatefulSet('prod'), 'deletes StatefulSet object-store/minio'],
    ['PersistentVolumeClaim', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'x' }, spec: {} }, 'deletes PersistentVolumeClaim x/data'],
    ['Namespace', namespace('vault'), 'deletes Namespace vault'],
    ['CustomResourceDefinition', { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' } }, 'deletes CustomResourceDefinition widgets.example.com'],
    ['CNPG Cluster', { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'airflow-db', namespace: 'airflow' } }, 'deletes Cluster airflow/airflow-db'],
    ['Application with the resources finalizer', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'prod-vault', namespace: 'argocd', finalizers: ['resources-finalizer.argocd.argoproj.io'] } }, 'deletes Application argocd/prod-vault'],
  ];
  it.each(deletionCases)('flags deleting a %s', (_, object, expected) => {
    const r = reviewOf({ 'prod/x/object.yaml': [object] }, {});
    expect(risks(r)).toHaveLength(1);
    expect(risks(r)[0]).toContain(`prod: ${expected} (component \`x\`)`);
  });

  it('does not flag deleting a Deployment, a ConfigMap, another group\'s Cluster or an Application without the finalizer', () => {
    const r = reviewOf(
      {
        'prod/x/objects.yaml': [
          { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'x' } },
          { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'x' } },
          { apiVersion: 'example.com/v1', kind: 'Cluster', metadata: { name: 'c', namespace: 'x' } },
          { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'app', namespace: 'argocd' } },
        ],
      },
      {},
    );
    expect(r.changes).toHaveLength(4);
    expect(risks(r)).toEqual([]);
  });

  const immutableCases: [string, object, object, string][] = [
    ['a workload selector', minioStatefulSet('prod'), minioStatefulSet('prod', { selector: 'minio-v2' }), 'spec.selector'],
    ['StatefulSet volumeClaimTemplates', minioStatefulSet('prod'), minioStatefulSet('prod', { storage: '1Ti' }), 'spec.volumeClaimTemplates'],
    ['StatefulSet serviceName', minioStatefulSet('prod'), minioStatefulSet('prod', { serviceName: 'minio' }), 'spec.serviceName'],
    [
      'a Job template',
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'init', namespace: 'x' }, spec: { template: { spec: { containers: [{ name: 'c', args: ['a'] }] } } } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'init', namespace: 'x' }, spec: { template: { spec: { containers: [{ name: 'c', args: ['b'] }] } } } },
      'spec.template',
    ],
  ];
  it.each(immutableCases)('flags changing %s', (_, before, after, field) => {
    const r = reviewOf({ 'prod/x/object.yaml': [before] }, { 'prod/x/object.yaml': [after] });
    expect(risks(r)).toHaveLength(1);
    expect(risks(r)[0]).toContain(`prod: changes immutable field \`${field}\``);
  });

  it('does not flag a changed template of a Job that Argo CD recreates (a sync hook or Replace=true)', () => {
    const job = (arg: string, annotations: Record<string, string>) => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'init', namespace: 'x', annotations },
      spec: { template: { spec: { containers: [{ name: 'c', args: [arg] }] } } },
    });
    const annotationSets: Record<string, string>[] = [{ 'argocd.argoproj.io/hook': 'PostSync' }, { 'argocd.argoproj.io/sync-options': 'Force=true,Replace=true' }];
    for (const annotations of annotationSets) {
      const r = reviewOf({ 'prod/x/job.yaml': [job('a', annotations)] }, { 'prod/x/job.yaml': [job('b', annotations)] });
      expect(r.changes).toHaveLength(1);
      expect(risks(r)).toEqual([]);
    }
  });

  it('does not flag mutable changes such as replicas', () => {
    const after = minioStatefulSet('prod');
    (after.spec as { replicas: number }).replicas = 6;
    const r = reviewOf({ 'prod/x/sts.yaml': [minioStatefulSet('prod')] }, { 'prod/x/sts.yaml': [after] });
    expect(r.changes).toHaveLength(1);
    expect(risks(r)).toEqual([]);
  });

  it('flags a prod version that staging does not pin, but not one staging already has', () => {
    const unstaged = reviewOf({}, {}, samePins, pins({ dev: { [MINIO]: OLD }, staging: { [MINIO]: OLD }, prod: { [MINIO]: NEW } }));
    expect(risks(unstaged)).toEqual([
      `prod: prod pins \`${MINIO}\` = \`${NEW}\`, which is not in staging (staging pins \`${OLD}\`): promote through staging first`,
    ]);
    const promoted = reviewOf({}, {}, pins({ staging: { [MINIO]: NEW }, prod: { [MINIO]: OLD } }), pins({ staging: { [MINIO]: NEW }, prod: { [MINIO]: NEW } }));
    expect(risks(promoted)).toEqual([]);
  });
});

describe('review: version changes', () => {
  it('lists every pin change old → new per environment, and rendered image changes only when no pin explains them', () => {
    const r = reviewOf(
      { 'staging/object-store/sts.yaml': [minioStatefulSet('staging')], 'dev/object-store/sts.yaml': [minioStatefulSet('dev')] },
      {
        'staging/object-store/sts.yaml': [minioStatefulSet('staging', { image: NEW })],
        'dev/object-store/sts.yaml': [minioStatefulSet('dev', { image: 'quay.io/minio/minio:hardcoded' })],
      },
      samePins,
      pins({ dev: { [MINIO]: OLD }, staging: { [MINIO]: NEW }, prod: { [MINIO]: OLD } }),
    );
    expect(r.flags.filter((f) => f.severity === 'version').map((f) => `${f.env}: ${f.message}`)).toEqual([
      `staging: \`${MINIO}\`: \`${OLD}\` → \`${NEW}\``,
      `dev: StatefulSet object-store/minio \`spec.template.spec.containers[name=minio].image\`: \`${OLD}\` → \`quay.io/minio/minio:hardcoded\``,
    ]);
  });

  it('treats a Helm chart targetRevision change of an Argo CD Application as a version change', () => {
    const app = (version: string) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'prod-vault', namespace: 'argocd' },
      spec: { sources: [{ chart: 'vault', repoURL: 'https://helm.releases.hashicorp.com', targetRevision: version }, { path: 'dist/prod/vault', repoURL: 'https://github.com/gridata/gridata.git', targetRevision: 'main' }] },
    });
    const r = reviewOf({ 'prod/apps/app.yaml': [app('0.34.1')] }, { 'prod/apps/app.yaml': [app('0.35.0')] });
    expect(r.flags.map((f) => f.message)).toEqual(['Application argocd/prod-vault `spec.sources[chart=vault].targetRevision`: `0.34.1` → `0.35.0`']);
  });
});

describe('reviewMarkdown', () => {
  it('puts risk flags first, then versions, the summary table and each changed object\'s field diff', () => {
    const r = reviewOf(
      { 'staging/object-store/sts.yaml': [minioStatefulSet('staging')], 'staging/namespaces/ns.yaml': [namespace('gone')] },
      { 'staging/object-store/sts.yaml': [minioStatefulSet('staging', { image: NEW })] },
      samePins,
      pins({ dev: { [MINIO]: OLD }, staging: { [MINIO]: NEW }, prod: { [MINIO]: OLD } }),
    );
    expect(reviewMarkdown(r, { title: 'Rendered diff' })).toBe(
      [
        '## Rendered diff',
        '',
        '### ⚠️ Risk flags (1)',
        '',
        '- **staging**: deletes Namespace gone (component `namespaces`): every object in the namespace is deleted',
        '',
        '### Notices (1)',
        '',
        '- **staging**: changes the pod template of StatefulSet object-store/minio (component `object-store`): restarts all 4 pod(s) one at a time, highest ordinal first, each on its own volume (quorum and replication lag matter)',
        '',
        '### Version changes (1)',
        '',
        `- **staging**: \`${MINIO}\`: \`${OLD}\` → \`${NEW}\``,
        '',
        '### Summary',
        '',
        '| Environment | Component | Added | Removed | Changed |',
        '|---|---|---:|---:|---:|',
        '| staging | namespaces | 0 | 1 | 0 |',
        '| staging | object-store | 0 | 0 | 1 |',
        '',
        '### staging/namespaces',
        '',
        '- ➖ removed Namespace gone',
        '',
        '### staging/object-store',
        '',
        '#### StatefulSet object-store/minio',
        '',
        '```diff',
        ' spec:',
        '   template:',
        '     spec:',
        '       containers:',
        '         - name: minio',
        `-          image: ${OLD}`,
        `+          image: ${NEW}`,
        '```',
        '',
      ].join('\n'),
    );
  });

  it('leaves object diffs out past the size limit and says so', () => {
    const r = reviewOf({ 'staging/object-store/sts.yaml': [minioStatefulSet('staging')] }, { 'staging/object-store/sts.yaml': [minioStatefulSet('staging', { image: NEW })] });
    const text = reviewMarkdown(r, { title: 'Rendered diff', maxChars: 400 });
    expect(text).not.toContain('```diff');
    expect(text).toContain('1 object diff(s) left out to fit the comment size limit (staging/object-store StatefulSet object-store/minio)');
  });
});
