import { describe, expect, it } from 'vitest';
import { parityMarkdown, differingRows } from '../../../tools/report/parity';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { loadEnvironment } from '../../../environments/load';

const workload = (replicas: number | undefined, cpu: string) => ({
  ...(replicas === undefined ? {} : { replicas }),
  resources: { requests: { cpu, memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
});

const env = (name: string, options: { replicas: number; cpu: string; minio: string; storage: string; datahub: boolean; retention: string }) => ({
  name,
  domain: 'example.com',
  features: { datahub: options.datahub, monitoring: true },
  monitoring: { retention: options.retention },
  sizing: { objectStore: { minio: workload(options.replicas, options.cpu), provisioner: workload(undefined, '50m') } },
  storage: { minio: options.storage, vault: '10Gi' },
  versions: { objectStore: { images: { minio: { repository: 'quay.io/minio/minio', tag: options.minio } } }, vault: { chart: '0.34.1' } },
});

describe('parity report', () => {
  it('lists exactly the settings that differ, per section, in environment order', () => {
    const dev = env('dev', { replicas: 1, cpu: '250m', minio: 'RELEASE.B', storage: '100Gi', datahub: false, retention: '7d' });
    const staging = env('staging', { replicas: 4, cpu: '250m', minio: 'RELEASE.B', storage: '500Gi', datahub: true, retention: '7d' });
    const prod = env('prod', { replicas: 4, cpu: '1', minio: 'RELEASE.A', storage: '2Ti', datahub: true, retention: '30d' });
    expect(parityMarkdown(['dev', 'staging', 'prod'], [dev, staging, prod])).toBe(
      [
        '## Environment parity: dev / staging / prod',
        '',
        '6 of 11 settings differ; identical settings are left out.',
        '',
        '### Versions',
        '',
        '| Setting | dev | staging | prod |',
        '|---|---|---|---|',
        '| `objectStore.images.minio` | `quay.io/minio/minio:RELEASE.B` | `quay.io/minio/minio:RELEASE.B` | `quay.io/minio/minio:RELEASE.A` |',
        '',
        '### Replicas',
        '',
        '| Setting | dev | staging | prod |',
        '|---|---|---|---|',
        '| `objectStore.minio` | `1` | `4` | `4` |',
        '',
        '### Resources',
        '',
        '| Setting | dev | staging | prod |',
        '|---|---|---|---|',
        '| `objectStore.minio` | `req 250m/64Mi, lim 1/128Mi` | `req 250m/64Mi, lim 1/128Mi` | `req 1/64Mi, lim 1/128Mi` |',
        '',
        '### Storage',
        '',
        '| Setting | dev | staging | prod |',
        '|---|---|---|---|',
        '| `minio` | `100Gi` | `500Gi` | `2Ti` |',
        '',
        '### Features',
        '',
        '| Setting | dev | staging | prod |',
        '|---|---|---|---|',
        '| `datahub` | `false` | `true` | `true` |',
        '',
        '### Other settings',
        '',
        '| Setting | dev | staging | prod |',
        '|---|---|---|---|',
        '| `monitoring.retention` | `7d` | `7d` | `30d` |',
        '',
      ].join('\n'),
    );
  });

  it('shows a dash where an environment does not set something', () => {
    const base = env('dev', { replicas: 1, cpu: '1', minio: 'A', storage: '1Gi', datahub: true, retention: '7d' });
    const withExtra = { ...base, versions: { ...base.versions, tools: { images: { kubectl: { repository: 'registry.k8s.io/kubectl', tag: 'v1.28.15' } } } } };
    expect(differingRows([base, withExtra])).toEqual([
      { section: 'Versions', setting: 'tools.images.kubectl', values: ['—', 'registry.k8s.io/kubectl:v1.28.15'] },
    ]);
  });

  it('reports the real environment files: prod and dev differ in replicas and storage', () => {
    const text = parityMarkdown(ENVIRONMENTS, ENVIRONMENTS.map((n) => loadEnvironment(n) as unknown as Record<string, unknown>));
    expect(text).toContain('### Replicas');
    expect(text).toContain('### Storage');
    expect(text).toMatch(/\| `vault\.server` \| `1` \| `3` \| `3` \|/);
  });
});
