import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { renderedEnvironment } from '../fixtures/rendered';
import { policyView } from '../fixtures/rendered';
import { syncWaves } from '../../apps/sync-waves';
import type { ComponentDefinition } from '../../charts/shared/component';

const prod = renderedEnvironment('prod').files;
const objects = (prefix: string) =>
  [...prod].filter(([path]) => path.startsWith(prefix)).flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS()));

describe('Argo CD layer', () => {
  it('bootstrap.yaml holds copies of the AppProjects (owned by the Argo CD component) and of the root application (which syncs itself)', () => {
    const docs = parseAllDocuments(prod.get('prod/apps/bootstrap.yaml')!).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'AppProject/gridata-prod-bootstrap',
      'AppProject/gridata-prod-platform',
      'AppProject/gridata-prod-data',
      'AppProject/gridata-prod-observability',
      'Application/prod-gridata-root',
    ]);
    const owned = [
      ...objects('prod/argocd/').filter((o) => String(o?.apiVersion).startsWith('argoproj.io/') && ['AppProject', 'Application'].includes(o.kind)),
      ...objects('prod/apps/application.argocd.prod-gridata-root.yaml'),
    ];
    expect(owned.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(docs.map((d) => `${d.kind}/${d.metadata.name}`).sort());
    for (const doc of docs) expect(owned.find((o) => o.kind === doc.kind && o.metadata.name === doc.metadata.name).spec, doc.metadata.name).toEqual(doc.spec);
    expect(docs[0].spec.namespaceResourceWhitelist).toEqual([{ group: 'argoproj.io', kind: 'Application' }]);
    expect(docs[0].spec.clusterResourceWhitelist).toEqual([]);
    expect(docs[4].spec.source).toEqual({
      repoURL: 'https://github.com/gridata/gridata.git',
      targetRevision: 'main',
      path: 'dist/prod/apps',
      directory: { recurse: false, include: 'application.*.yaml' },
    });
  });

  it('renders one Application per component folder, each syncing automatically with prune, self-heal and backoff', () => {
    const apps = objects('prod/apps/application.').filter((o) => o.kind === 'Application' && o.metadata.name !== 'prod-gridata-root');
    // Only Application files: the root application syncs the apps folder (include application.*.yaml).
    expect([...prod.keys()].filter((p) => p.startsWith('prod/apps/') && !p.startsWith('prod/apps/application.'))).toEqual(['prod/apps/bootstrap.yaml']);
    const folders = new Set([...prod.keys()].map((p) => p.split('/')[1]).filter((f) => f !== 'apps'));
    const owned = apps.flatMap((a) => (a.spec.sources ?? [a.spec.source]).filter((s: any) => s.path).map((s: any) => s.path));
    expect(owned.sort()).toEqual([...folders].map((f) => `dist/prod/${f}`).sort());
    for (const app of apps) {
      expect(app.spec.project).toMatch(/^gridata-prod-(platform|data|observability)$/);
      expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true, allowEmpty: false });
      expect(app.spec.syncPolicy.retry).toEqual({ limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } });
    }
  });

  it('puts the namespaces baseline in the first sync wave', () => {
    const app = parse(prod.get('prod/apps/application.argocd.prod-namespaces.yaml')!);
    expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('0');
  });

  it('restricts each project to this repository, its namespaces and an explicit list of cluster-scoped kinds', () => {
    const platform = parse(prod.get('prod/argocd/appproject.argocd.gridata-prod-platform.yaml')!);
    expect(platform.spec.sourceRepos).toContain('https://github.com/gridata/gridata.git');
    expect(platform.spec.sourceRepos).not.toContain('*');
    expect(platform.spec.destinations).toContainEqual({ name: 'in-cluster', namespace: 'airflow' });
    expect(platform.spec.clusterResourceWhitelist).toContainEqual({ group: '', kind: 'Namespace' });
    expect(platform.spec.clusterResourceWhitelist).not.toContainEqual({ group: '*', kind: '*' });
  });
});

describe('sync waves', () => {
  const def = (id: string, dependsOn: string[]): ComponentDefinition => ({ id, dependsOn, description: id, namespace: 'x', project: 'platform', version: () => '1' });

  it('place every component one wave after its latest dependency', () => {
    const waves = syncWaves([def('namespaces', []), def('operator', ['namespaces']), def('app', ['operator', 'namespaces'])]);
    expect(Object.fromEntries(waves)).toEqual({ namespaces: 0, operator: 1, app: 2 });
  });

  it('order a component after an optional one only where that one is deployed (orderedAfter)', () => {
    const withMonitors = (id: string): ComponentDefinition => ({ ...def(id, ['namespaces']), orderedAfter: ['monitoring'] });
    const on = syncWaves([def('namespaces', []), def('monitoring', ['namespaces']), withMonitors('operator')]);
    expect(Object.fromEntries(on)).toEqual({ namespaces: 0, monitoring: 1, operator: 2 });
    const off = syncWaves([def('namespaces', []), withMonitors('operator')]);
    expect(Object.fromEntries(off)).toEqual({ namespaces: 0, operator: 1 });
  });

  it('refuse a dependency cycle naming it', () => {
    expect(() => syncWaves([def('a', ['b']), def('b', ['a'])])).toThrow('dependency cycle: a → b → a');
  });

  it('refuse an unknown dependency', () => {
    expect(() => syncWaves([def('a', ['ghost'])])).toThrow('a depends on unknown component "ghost"');
  });
});

describe('sync windows', () => {
  const projects = (env: 'dev' | 'staging' | 'prod') => policyView(env).documents.filter((d) => d.object.kind === 'AppProject' && d.component === 'argocd');

  it('prod: every domain project carries the environment file’s allow window with manual sync; the bootstrap project none', () => {
    const all = projects('prod');
    const domain = all.filter((p) => !p.object.metadata.name.endsWith('-bootstrap'));
    expect(domain.map((p) => p.object.metadata.name).sort()).toEqual(['gridata-prod-data', 'gridata-prod-observability', 'gridata-prod-platform']);
    for (const p of domain) {
      expect(p.object.spec.syncWindows).toEqual([
        {
          kind: 'allow',
          schedule: '0 7 * * 1-4',
          duration: '9h',
          timeZone: 'UTC',
          manualSync: true,
          applications: ['*'],
          description: 'Working hours Monday to Thursday, 07:00-16:00 UTC; outside, sync by hand only.',
        },
      ]);
    }
    expect(all.find((p) => p.object.metadata.name === 'gridata-prod-bootstrap')!.object.spec.syncWindows).toBeUndefined();
  });

  it('dev and staging have no window', () => {
    for (const env of ['dev', 'staging'] as const) {
      for (const p of projects(env)) expect(p.object.spec.syncWindows, p.object.metadata.name).toBeUndefined();
    }
  });
});
