import { describe, expect, it } from 'vitest';
import { blastRadius, blastRadiusMarkdown, type BlastRadiusInput, type EnvironmentImpact } from '../../../tools/review/blast-radius';
import { review } from '../../../tools/review/review';
import type { FileMap } from '../../../tools/review/file-map';
import { pinsOfVersions } from '../../../tools/review/version-pins';
import { comparePinValues } from '../../../tools/review/version-order';
import { atRevision, revisionOf } from '../../../charts/shared/revision';
import { violationsIn } from '../../../tools/promotion-guard/guard';
import type { Environment } from '../../../environments/types';
import { minioStatefulSet, namespace, pins, renderedFiles } from './fixtures';

const ENVS = ['dev', 'staging', 'prod'];

/** Every environment with a MinIO StatefulSet and its namespace, per-environment overrides applied. */
function state(overrides: Record<string, { image?: string; storage?: string; extraNamespace?: string }> = {}): FileMap {
  const files: Record<string, object[]> = {};
  for (const env of ENVS) {
    const o = overrides[env] ?? {};
    files[`${env}/object-store/statefulset.object-store.minio.yaml`] = [minioStatefulSet(env, { image: o.image, storage: o.storage })];
    files[`${env}/namespaces/namespace.object-store.yaml`] = [namespace('object-store')];
    if (o.extraNamespace) files[`${env}/namespaces/namespace.${o.extraNamespace}.yaml`] = [namespace(o.extraNamespace)];
  }
  return renderedFiles(files);
}

async function classify(base: FileMap, head: FileMap, changedFiles: string[], mixed?: Record<string, FileMap | Error>): Promise<EnvironmentImpact[]> {
  const rendersAsked: string[] = [];
  const input: BlastRadiusInput = {
    environments: ENVS,
    changes: review({ base: { files: base, pins: pins({}) }, head: { files: head, pins: pins({}) } }).changes,
    changedFiles,
    baseFiles: base,
    renderWithBaseFile: async (env) => {
      rendersAsked.push(env);
      const result = mixed?.[env];
      if (result === undefined) throw new Error(`test: no mixed render for ${env}`);
      if (result instanceof Error) throw result;
      return result;
    },
  };
  const impacts = await blastRadius(input);
  // A mixed render is only asked for where both the own file and shared sources changed.
  expect(rendersAsked.sort()).toEqual(Object.keys(mixed ?? {}).sort());
  return impacts;
}

const byEnv = (impacts: EnvironmentImpact[]) => new Map(impacts.map((i) => [i.env, i]));
const causes = (impact: EnvironmentImpact | undefined) => impact?.changes.map((c) => `${c.change.object.kind} ${c.change.object.name}: ${c.cause}`);

describe('blast radius', () => {
  it('a promotion that changes only environments/prod.yaml is caused by the environment file: no direct flag', async () => {
    const impacts = byEnv(await classify(state(), state({ prod: { image: 'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z' } }), ['environments/prod.yaml']));
    expect(impacts.get('prod')).toMatchObject({ method: 'own file only', ownFileChanged: true, direct: undefined });
    expect(causes(impacts.get('prod'))).toEqual(['StatefulSet minio: environment file']);
    expect(impacts.get('dev')).toMatchObject({ method: 'unchanged', changes: [] });
    expect(impacts.get('staging')).toMatchObject({ method: 'unchanged', changes: [] });
  });

  it('a shared change that reaches staging and prod is staging-direct and prod-direct; dev is never flagged', async () => {
    const head = state({ dev: { extraNamespace: 'extra' }, staging: { extraNamespace: 'extra' }, prod: { extraNamespace: 'extra' } });
    const impacts = byEnv(await classify(state(), head, ['charts/namespaces/index.ts']));
    expect(impacts.get('dev')).toMatchObject({ method: 'shared only', direct: undefined });
    expect(impacts.get('staging')).toMatchObject({ method: 'shared only', direct: 'staging-direct' });
    expect(impacts.get('prod')).toMatchObject({ method: 'shared only', direct: 'prod-direct', sharedFiles: ['charts/namespaces/index.ts'] });
    expect(causes(impacts.get('prod'))).toEqual(['Namespace extra: shared']);
  });

  it('a shared change that alters dev only (behind a rollout revision) passes through staging and prod untouched', async () => {
    const impacts = byEnv(await classify(state(), state({ dev: { extraNamespace: 'extra' } }), ['charts/namespaces/index.ts']));
    expect(impacts.get('dev')!.changes).toHaveLength(1);
    expect([...impacts.values()].filter((i) => i.direct)).toEqual([]);
  });

  it('separates a change to both: objects the shared code changes with the base file are shared, the rest the environment file', async () => {
    const base = state();
    // prod.yaml resizes MinIO; shared code adds a namespace. The head's code with the base's prod.yaml
    // renders the namespace but not the resize.
    const head = state({ prod: { storage: '4Ti', extraNamespace: 'extra' } });
    const mixed = state({ prod: { extraNamespace: 'extra' } });
    const impacts = byEnv(await classify(base, head, ['charts/namespaces/index.ts', 'environments/prod.yaml'], { prod: mixed }));
    expect(impacts.get('prod')).toMatchObject({ method: 'separated', direct: 'prod-direct' });
    expect(causes(impacts.get('prod'))).toEqual(['Namespace extra: shared', 'StatefulSet minio: environment file']);
  });

  it('a shared change whose effect in prod depends on prod.yaml alone (the switch moved) is the environment file, not prod-direct', async () => {
    const base = state();
    const head = state({ prod: { extraNamespace: 'extra' } });
    // The head's code with the base's prod.yaml (revision not yet promoted) renders what base rendered.
    const impacts = byEnv(await classify(base, head, ['charts/namespaces/index.ts', 'environments/prod.yaml'], { prod: state() }));
    expect(impacts.get('prod')).toMatchObject({ method: 'separated', direct: undefined });
    expect(causes(impacts.get('prod'))).toEqual(['Namespace extra: environment file']);
  });

  it('fails closed: when the head cannot render the base file, every change there counts as shared, with the reason', async () => {
    const head = state({ prod: { storage: '4Ti' } });
    const refusal = new Error('refused: invalid environment input, dist/ left untouched\nenvironments/prod.yaml:3: /features/x: expected required key "x", found nothing');
    const impacts = byEnv(await classify(state(), head, ['environments/build-schema.ts', 'environments/prod.yaml'], { prod: refusal }));
    expect(impacts.get('prod')).toMatchObject({ method: 'not separable', direct: 'prod-direct' });
    expect(impacts.get('prod')!.note).toContain('/features/x: expected required key "x"');
    expect(causes(impacts.get('prod'))).toEqual(['StatefulSet minio: shared']);
  });

  it('the diff section names prod-direct with the objects it touches and how to see the per-environment impact', async () => {
    const head = state({ staging: { extraNamespace: 'extra' }, prod: { extraNamespace: 'extra' } });
    const impacts = await classify(state(), head, ['charts/namespaces/index.ts']);
    const unmarked = blastRadiusMarkdown(impacts, { base: 'origin/main' });
    expect(unmarked).toContain('- ⛔ **prod-direct**: shared code or values change 1 object(s) in `dist/prod` without a promotion:\n  - added Namespace extra (component `namespaces`)');
    expect(unmarked).toContain('**staging-direct**');
    expect(unmarked).toContain('Not marked as an all-environments change: `npm run gate` fails.');
    expect(unmarked).toContain('| prod (prod-direct) | no | 0 | 1 | shared only |');
    expect(unmarked).toContain('`npm run gate -- --base origin/main`');
    const marked = blastRadiusMarkdown(impacts, { base: 'origin/main', mark: 'commit 0123456789ab carries the trailer `Environments: all`' });
    expect(marked).toContain('Marked as an all-environments change: commit 0123456789ab');
    const clean = blastRadiusMarkdown(await classify(state(), state({ dev: { extraNamespace: 'extra' } }), ['charts/x.ts']), { base: 'main' });
    expect(clean).toContain('No shared-code change reaches staging or prod');
    expect(clean).toContain('| dev | no | 0 | 1 | shared only |');
    expect(clean).toContain('No rendered changes in: staging, prod.');
  });
});

describe('rollout revisions', () => {
  const env = (revision?: number) => ({ versions: { monitoring: revision === undefined ? { chart: '1.0.0' } : { chart: '1.0.0', revision } } }) as unknown as Environment;

  it('read as 0 when absent and compare as at-or-after', () => {
    expect(revisionOf(env(), 'monitoring')).toBe(0);
    expect(atRevision(env(), 'monitoring', 1)).toBe(false);
    expect(atRevision(env(1), 'monitoring', 1)).toBe(true);
    expect(atRevision(env(2), 'monitoring', 1)).toBe(true);
    expect(atRevision(env(1), 'monitoring', 2)).toBe(false);
  });

  it('are pins: listed, ordered and promoted like versions', () => {
    expect(pinsOfVersions({ monitoring: { chart: '88.5.3', revision: 2 } })).toEqual(new Map([['monitoring.chart', '88.5.3'], ['monitoring.revision', '2']]));
    expect(comparePinValues('1', '2')).toBe(-1);
    expect(comparePinValues('10', '9')).toBe(1);
  });

  it('are held to the promotion order by the guard: prod may not reach a revision staging never had', () => {
    const at = (commit: string, revisions: Record<string, string>) => ({
      commit,
      pins: new Map(Object.entries(revisions).map(([env, r]) => [env, new Map([['monitoring.revision', r]])])),
    });
    expect(violationsIn([at('a', { dev: '1' }), at('b', { dev: '1', staging: '1' }), at('c', { dev: '1', staging: '1', prod: '1' })])).toEqual([]);
    const skipped = violationsIn([at('a', { dev: '1', staging: '1', prod: '1' }), at('b', { dev: '2', staging: '1', prod: '2' })]);
    expect(skipped.map((v) => v.message)).toEqual(['prod pins monitoring.revision = 2 (since b), but staging never pinned it at or before that commit']);
  });
});
