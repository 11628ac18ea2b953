// The health checks validate:argocd runs with, evaluated by Argo CD itself (`argocd admin settings
// resource-overrides health`, offline): the repository's Application check keeps an Application
// whose Deployment has no pods Progressing; the test-only kubelet-gap variant lets exactly that
// through and nothing else (decision 0043).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { APPLICATION_HEALTH_LUA } from '../../../charts/argocd/resource-customizations';
import { CNPG_CLUSTER_HEALTH_KEY, cnpgClusterHealthLua, GAP_MESSAGE_PREFIX, kubeletGapHealthLua } from '../../../tools/argocd/kubelet-gap';
import { goBin } from '../../../tools/validate/control-plane';

const binary = join(goBin, 'argocd');
const dir = mkdtempSync(join(tmpdir(), 'kubelet-gap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function health(data: Record<string, string>, object: Record<string, unknown>): { status: string; message: string } {
  const cli = join(dir, 'argocd');
  if (!existsSync(cli)) symlinkSync(binary, cli);
  writeFileSync(join(dir, 'cm.yaml'), stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: 'argocd' }, data }));
  writeFileSync(join(dir, 'object.yaml'), stringify(object));
  const out = execFileSync(cli, ['admin', 'settings', 'resource-overrides', 'health', join(dir, 'object.yaml'), '--argocd-cm-path', join(dir, 'cm.yaml')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return { status: /^STATUS: (.*)$/m.exec(out)?.[1] ?? '', message: /^MESSAGE: (.*)$/m.exec(out)?.[1] ?? '' };
}

const KEY = 'resource.customizations.health.argoproj.io_Application';
const app = (sync: string, appHealth: string, resources: { group?: string; kind: string; health?: string }[]) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'dev-x', namespace: 'argocd' },
  spec: { project: 'default' },
  status: {
    sync: { status: sync },
    health: { status: appHealth },
    resources: resources.map((r, i) => ({ ...(r.group ? { group: r.group } : {}), version: 'v1', kind: r.kind, name: `r${i}`, namespace: 'x', status: 'Synced', ...(r.health ? { health: { status: r.health } } : {}) })),
  },
});

describe.skipIf(!existsSync(binary))('Application health under validate:argocd (needs tools/go/build.sh argocd)', () => {
  const real = { [KEY]: APPLICATION_HEALTH_LUA };
  const gap = { [KEY]: kubeletGapHealthLua() };
  const workloadsOnly = app('Synced', 'Progressing', [{ kind: 'ConfigMap' }, { group: 'apps', kind: 'Deployment', health: 'Progressing' }, { kind: 'PersistentVolumeClaim', health: 'Progressing' }, { kind: 'Service', health: 'Healthy' }]);

  it('the repository check keeps an Application whose workloads have no pods Progressing', () => {
    expect(health(real, workloadsOnly).status).toBe('Progressing');
  });

  it('the repository check counts a child Healthy only once it is Synced and its sync has finished', () => {
    const healthy = app('Synced', 'Healthy', [{ kind: 'Namespace', health: 'Healthy' }]);
    expect(health(real, healthy).status).toBe('Healthy');
    // between PreSync hooks and the Sync phase: Healthy, but nothing applied yet
    expect(health(real, app('OutOfSync', 'Healthy', [{ kind: 'ConfigMap' }]))).toEqual({ status: 'Progressing', message: 'Healthy but not Synced yet' });
    const running = { ...healthy, status: { ...healthy.status, operationState: { phase: 'Running' } } };
    expect(health(real, running)).toEqual({ status: 'Progressing', message: 'Healthy but its sync is still running' });
    // the root's own Application (it lists itself) never gates, or it would wait for itself
    const root = { ...running, metadata: { name: 'dev-gridata-root', namespace: 'argocd', labels: { 'app.kubernetes.io/component': 'bootstrap' } } };
    expect(health(real, root)).toEqual({ status: 'Healthy', message: 'the root Application is not gated on its own sync' });
  });

  it('the kubelet-gap variant counts it Healthy and says why', () => {
    expect(health(gap, workloadsOnly)).toEqual({ status: 'Healthy', message: `${GAP_MESSAGE_PREFIX} 2 resources Progressing only for want of a kubelet` });
  });

  it('the variant lets nothing else through', () => {
    // Progressing of a kind a kubelet does not decide (a LoadBalancer Service, an Ingress)
    expect(health(gap, app('Synced', 'Progressing', [{ group: 'apps', kind: 'Deployment', health: 'Progressing' }, { kind: 'Service', health: 'Progressing' }])).status).toBe('Progressing');
    // not Synced
    expect(health(gap, app('OutOfSync', 'Progressing', [{ group: 'apps', kind: 'Deployment', health: 'Progressing' }])).status).toBe('Progressing');
    // Degraded, Missing, Unknown stay what they are
    expect(health(gap, app('Synced', 'Degraded', [{ group: 'apps', kind: 'Deployment', health: 'Degraded' }])).status).toBe('Degraded');
    expect(health(gap, app('Synced', 'Missing', [{ group: 'apps', kind: 'Deployment', health: 'Missing' }])).status).toBe('Missing');
    expect(health(gap, app('Synced', 'Unknown', [{ kind: 'ConfigMap', health: 'Unknown' }])).status).toBe('Unknown');
    // and an Application that is really Healthy stays Healthy without the gap message
    expect(health(gap, app('Synced', 'Healthy', [{ kind: 'Namespace', health: 'Healthy' }]))).toEqual({ status: 'Healthy', message: '' });
  });

  it('a CloudNativePG Cluster without status is Progressing under the test-only override', () => {
    const cluster = { apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'db', namespace: 'x' }, spec: { instances: 1 } };
    expect(health({ [CNPG_CLUSTER_HEALTH_KEY]: cnpgClusterHealthLua() }, cluster).status).toBe('Progressing');
    expect(health({ [CNPG_CLUSTER_HEALTH_KEY]: cnpgClusterHealthLua() }, { ...cluster, status: { phase: 'Cluster in healthy state' } }).status).toBe('Healthy');
  });
});
