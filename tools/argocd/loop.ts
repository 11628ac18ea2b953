// npm run validate:argocd [-- --env dev|staging|prod] [--keep]
// The GitOps loop on a real Argo CD (v3.6.1, built from Go by tools/go/build.sh): etcd +
// kube-apiserver + kube-controller-manager (garbage collector, namespace controller), Redis, Argo CD's
// repo-server and application-controller as local processes; a temporary clone of this repository
// served over smart HTTP on loopback; dist/<env>/apps/bootstrap.yaml applied; then the checks of
// decision 0043, each read from the controller's own state (Application status and operation state,
// etcd's ordering of its writes). Everything lives in one temp dir, removed at the end (--keep keeps it).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import { COMPONENTS } from '../../charts/index';
import { loadEnvironment } from '../../environments/load';
import type { SyncWindow } from '../../environments/types';
import { enabledComponents } from '../../render/components';
import { syncWaves } from '../../apps/sync-waves';
import { buildTools, cacheRoot, repoRoot, startControlPlane, type ControlPlane } from '../validate/control-plane';
import { ApplicationRecorder, describeApps, refresh, resourceKey, waveOf, type Application } from './applications';
import { ARGOCD_NAMESPACE, startArgoCd, type ArgoCd } from './argocd-processes';
import { Cluster, fieldDifferences, readObjects, type K8sObject } from './cluster';
import { startGitHttpServer, type GitHttpServer } from './git-http-server';
import { CNPG_CLUSTER_HEALTH_KEY, cnpgClusterHealthLua, KUBELET_BOUND_KINDS, kubeletGapHealthLua } from './kubelet-gap';
import { HookJobStandIn } from './hook-jobs';
import { ensureRedis } from './redis';
import { createServedRepository, type ServedRepository } from './served-repo';

const HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';
/**
 * The controller's --app-resync here (the install keeps Argo CD's default). Health that changed only
 * in a resource's status (a CRD becoming Established) reaches the Application at its next refresh,
 * so each wave can wait up to one resync: 10 s keeps the stage short (decision 0043).
 */
const RESYNC_SECONDS = 10;
const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
/** The pin the promotion scenario moves: the Pushgateway image (its `versions.monitoring` entry; ours, no hooks, one Deployment). */
const PROMOTED = { component: 'pushgateway', versionsKey: 'monitoring', pin: /^(\s*pushgateway: \{ repository: prom\/pushgateway, tag: )v1\.11\.4( \})/m, tag: 'v1.11.5' };
/** The component the deletion scenario removes: stateful objects protected by Prune=false,Delete=false. */
const DELETED_COMPONENT = 'postgres';
/** A data-project folder the project-restriction scenario puts misplaced objects into. */
const MISPLACED_INTO = 'pipelines';

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
const log = (line: string) => console.log(`[${seconds().padStart(6)}s] ${line}`);

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}
const checks: Check[] = [];
function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
  log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

interface Context {
  readonly env: string;
  readonly cluster: Cluster;
  readonly recorder: ApplicationRecorder;
  readonly repo: ServedRepository;
  readonly expected: Map<string, number>;
  readonly root: string;
}

const appFiles = (repo: ServedRepository, env: string) =>
  readdirSync(join(repo.workDir, 'dist', env, 'apps')).filter((f) => f.startsWith('application.'));

/** Argo CD as installed before the bootstrap: its Namespace, CRDs and configuration objects. */
async function installArgoCd(cluster: Cluster, workDir: string, env: string): Promise<string[]> {
  const dist = join(workDir, 'dist', env);
  const files = [
    ...readdirSync(join(dist, 'namespaces')).filter((f) => f === `namespace.${ARGOCD_NAMESPACE}.yaml`).map((f) => join(dist, 'namespaces', f)),
    ...readdirSync(join(dist, 'argocd'))
      .filter((f) => /^(customresourcedefinition|configmap|secret)\./.test(f))
      .map((f) => join(dist, 'argocd', f)),
  ];
  for (const file of files) for (const object of readObjects(file)) await cluster.apply(object, 'validate-argocd-install');
  return files.map((f) => f.slice(dist.length + 1));
}

function cmdParams(workDir: string, env: string): Record<string, string> {
  const [cm] = readObjects(join(workDir, 'dist', env, 'argocd', 'configmap.argocd.argocd-cmd-params-cm.yaml'));
  return ((cm as { data?: Record<string, string> })?.data ?? {}) as Record<string, string>;
}

const byWave = (expected: Map<string, number>) => {
  const waves = new Map<number, string[]>();
  for (const [name, wave] of expected) waves.set(wave, [...(waves.get(wave) ?? []), name].sort());
  return [...waves.entries()].sort((a, b) => a[0] - b[0]);
};

/**
 * Phase A: with the repository's own health check the root moves wave by wave and stops at the
 * first wave whose Applications hold something only a kubelet makes Healthy.
 */
async function realHealthGating(ctx: Context): Promise<void> {
  const { recorder, expected } = ctx;
  const waves = byWave(expected);
  const [firstWave, firstApps] = waves[0];
  await recorder.until(`wave ${firstWave} (${firstApps.join(', ')}) Synced and Healthy`, () =>
    firstApps.every((n) => recorder.get(n)?.status?.sync?.status === 'Synced' && recorder.get(n)?.status?.health?.status === 'Healthy'),
    240_000, () => describeApps(recorder.apps.values()));
  log(`wave ${firstWave} Synced and Healthy (real health): ${firstApps.join(', ')}`);
  // The root then waits on a wave for ever: the same "waiting for healthy state" for 20 s (two resyncs) running.
  const waitingOn = () => /waiting for healthy state of argoproj\.io\/Application\/([a-z0-9-]+)/.exec(recorder.get(ctx.root)?.status?.operationState?.message ?? '')?.[1];
  let since = Date.now();
  let last: string | undefined;
  await recorder.until('the root sync stalled on a wave', () => {
    const now = waitingOn();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
    return now !== undefined && Date.now() - since > 2 * RESYNC_SECONDS * 1000;
  }, 420_000, () => describeApps(recorder.apps.values()));
  const stalledApp = last!;
  if (!expected.has(stalledApp)) throw new Error(`the root waits on ${stalledApp}, which is not a component Application`);
  const stalledWave = expected.get(stalledApp)!;
  const later = [...recorder.apps.keys()].filter((n) => (expected.get(n) ?? -1) > stalledWave);
  const waiting = recorder.get(ctx.root)?.status?.operationState?.message ?? '';
  const stalledApps = [...expected].filter(([, w]) => w === stalledWave).map(([n]) => n);
  const unhealthy = stalledApps.filter((n) => recorder.get(n)?.status?.health?.status !== 'Healthy');
  check(`real health check: the root stops at wave ${stalledWave}, whose Applications hold workloads`, later.length === 0 && unhealthy.length > 0,
    `root operation "${waiting}"; Applications of later waves: ${later.join(', ') || 'none'}; not Healthy in wave ${stalledWave}: ${unhealthy
      .map((n) => `${n} ${recorder.get(n)?.status?.health?.status} (${kindCounts(unhealthyResources(recorder.get(n)!))})`)
      .join('; ')}`);
  check(`waves ${firstWave}..${stalledWave} created in order, each after the earlier waves were Synced and Healthy (etcd order)`, waveOrderViolations(ctx, stalledWave).length === 0,
    waveOrderViolations(ctx, stalledWave).join('; ') || waveOrderSummary(ctx, stalledWave));
}

/**
 * An environment with sync windows (prod: working hours only): what the controller does at this
 * hour. Open now: the first wave syncs on its own, and nothing is left to lift. Closed now: the first
 * wave must stay OutOfSync with no sync started while the controller logs "Sync prevented by sync
 * window" for it; then a test-only commit in the served copy lifts the windows (the AppProjects in
 * bootstrap.yaml and in the argocd folder, applied as the install applied them) so the rest of the
 * loop can run at any hour. Nothing of this is in the repository.
 */
async function syncWindowsHold(ctx: Context, windows: readonly SyncWindow[], controllerLog: string): Promise<void> {
  const { recorder, repo, cluster, env } = ctx;
  const first = byWave(ctx.expected)[0][1][0];
  await recorder.until(`${first} created by the root`, () => recorder.get(first) !== undefined, 120_000, () => describeApps(recorder.apps.values()));
  const until = Date.now() + 3 * RESYNC_SECONDS * 1000;
  while (Date.now() < until && !recorder.get(first)?.status?.operationState) await new Promise((r) => setTimeout(r, 1_000));
  const prevented = readFileSync(controllerLog, 'utf8').split('\n').filter((l) => l.includes('Sync prevented by sync window') && l.includes(`application=${first} `)).length;
  const described = windows.map((w) => `${w.kind} ${w.schedule} for ${w.duration} (${w.timeZone})`).join('; ');
  if (recorder.get(first)?.status?.operationState) {
    check(`sync windows of ${env} open now: ${first} syncs on its own`, prevented === 0, `${described}; now ${new Date().toISOString()}`);
    return;
  }
  check(`sync windows of ${env} closed now: automated sync held`, prevented > 0 && recorder.get(first)?.status?.sync?.status === 'OutOfSync',
    `${first} ${recorder.get(first)?.status?.sync?.status}, no sync started in ${3 * RESYNC_SECONDS}s; controller: "Sync prevented by sync window" ×${prevented}; ${described}; now ${new Date().toISOString()}`);
  const files = [join('dist', env, 'apps', 'bootstrap.yaml'), ...readdirSync(join(repo.workDir, 'dist', env, 'argocd')).filter((f) => f.startsWith('appproject.')).map((f) => join('dist', env, 'argocd', f))];
  const projects: K8sObject[] = [];
  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(join(repo.workDir, file), 'utf8'));
    for (const doc of docs) {
      if (!Array.isArray(doc) && doc.get('kind') === 'AppProject' && doc.hasIn(['spec', 'syncWindows'])) {
        doc.deleteIn(['spec', 'syncWindows']);
        if (file.includes(`/argocd/`)) projects.push(doc.toJS() as K8sObject);
      }
    }
    // Each document after the first keeps its own `---` when printed.
    writeFileSync(join(repo.workDir, file), (docs as Document[]).map(String).join(''));
  }
  const sha = repo.commit(`validate:argocd TEST-ONLY: ${env} sync windows lifted (closed at this hour)`);
  // A merge patch, not an apply: the windows' fields are also owned by the managers that created the
  // projects (the bootstrap apply and the root's sync), so an apply without them would keep them.
  for (const project of projects) {
    const res = await cluster.client.request('PATCH', `/apis/argoproj.io/v1alpha1/namespaces/${project.metadata.namespace}/appprojects/${project.metadata.name}`,
      JSON.stringify({ spec: { syncWindows: null } }), 'application/merge-patch+json');
    if (res.status !== 200) throw new Error(`lifting the sync windows of ${project.metadata.name}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
  }
  await refresh(cluster.client, first);
  log(`sync windows lifted in the served copy (${sha.slice(0, 8)}) and patched out of the ${projects.length} live AppProjects`);
}

/** Wave w's Applications must be created (etcd revision) after every earlier Application was first seen Healthy. */
function waveOrderViolations(ctx: Context, upTo = Infinity): string[] {
  const waves = byWave(ctx.expected).filter(([w]) => w <= upTo);
  const violations: string[] = [];
  for (let i = 1; i < waves.length; i++) {
    const before = waves.slice(0, i).flatMap(([, apps]) => apps);
    const readyAt = (n: string) => Math.min(ctx.recorder.milestones.get(n)?.ready ?? Infinity, ctx.recorder.milestones.get(n)?.gapReady ?? Infinity);
    const lastReady = Math.max(...before.map(readyAt));
    for (const name of waves[i][1]) {
      const added = ctx.recorder.milestones.get(name)?.added ?? -1;
      if (!(added > lastReady)) violations.push(`${name} (wave ${waves[i][0]}) created at ${added}, earlier waves Synced and Healthy only at ${lastReady}`);
    }
  }
  return violations;
}

function waveOrderSummary(ctx: Context, upTo = Infinity): string {
  return byWave(ctx.expected)
    .filter(([w]) => w <= upTo)
    .map(([w, apps]) => `wave ${w}: ${apps.map((n) => `${n.replace(`${ctx.env}-`, '')} (created ${ctx.recorder.milestones.get(n)?.added}, ready ${ctx.recorder.milestones.get(n)?.ready ?? `${ctx.recorder.milestones.get(n)?.gapReady} (gap)`})`).join(' ')}`)
    .join(' | ');
}

/** "Deployment Progressing ×3, CustomResourceDefinition Progressing ×2". */
function kindCounts(resources: { kind: string; health?: { status?: string } }[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(`${r.kind} ${r.health?.status}`, (counts.get(`${r.kind} ${r.health?.status}`) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${k} ×${n}`).join(', ');
}

function unhealthyResources(app: Application) {
  return (app.status?.resources ?? []).filter((r) => r.health && r.health.status !== 'Healthy');
}

/** Phase B: every Application of the environment exists and is Synced; what health could be seen. */
async function everythingSynced(ctx: Context, timeoutMs: number): Promise<void> {
  const { recorder, expected, cluster } = ctx;
  const names = [...expected.keys(), ctx.root];
  const took = await recorder.until('every Application Synced and the root sync finished', () =>
    names.every((n) => recorder.get(n)?.status?.sync?.status === 'Synced') &&
    recorder.get(ctx.root)?.status?.operationState?.phase === 'Succeeded',
    timeoutMs, () => describeApps(recorder.apps.values())).catch(async (error: Error) => {
    await reportOutOfSync(ctx);
    throw error;
  });
  log(`all ${expected.size} Applications + root Synced after ${(took / 1000).toFixed(0)}s more`);
  check(`every ${ctx.env} Application exists and is Synced`, await reportOutOfSync(ctx) === 0, `${expected.size} Applications`);

  // Wave order, from etcd's order of the controller's writes.
  check('all Applications created in the order of apps/sync-waves.ts, each wave after the earlier ones were Synced and Healthy (or, after the kubelet-gap commit, Synced with only kubelet-bound kinds Progressing)', waveOrderViolations(ctx).length === 0,
    waveOrderViolations(ctx).join('; ') || waveOrderSummary(ctx));

  // Health: what was observed, and what the kubelet-gap variant let through.
  const byHealth = new Map<string, number>();
  const gap: string[] = [];
  const blocking: string[] = [];
  for (const name of expected.keys()) {
    const app = recorder.get(name)!;
    for (const r of app.status?.resources ?? []) {
      const status = r.health?.status ?? '(no health check)';
      byHealth.set(`${r.kind}: ${status}`, (byHealth.get(`${r.kind}: ${status}`) ?? 0) + 1);
    }
    for (const r of unhealthyResources(app)) {
      const bound = (KUBELET_BOUND_KINDS as readonly string[]).includes(`${r.group ?? ''}/${r.kind}`);
      (r.health?.status === 'Progressing' && bound ? gap : blocking).push(`${name} ${resourceKey(r)} ${r.health?.status}: ${r.health?.message ?? ''}`);
    }
  }
  log(`resource health observed (kind: status × count): ${[...byHealth.entries()].sort().map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  log(`Healthy only through the kubelet gap: ${gap.length} resources in ${new Set(gap.map((g) => g.split(' ')[0])).size} Applications`);
  for (const line of gap) log(`  gap: ${line}`);
  check('no resource is Degraded, Missing, Unknown or Progressing outside the kubelet-bound kinds', blocking.length === 0, blocking.join('; '));

  // Large CRDs through server-side apply.
  const crds: { name: string; bytes: number; ok: boolean; why: string }[] = [];
  for (const name of expected.keys()) {
    const folder = join(ctx.repo.workDir, 'dist', ctx.env, name.replace(`${ctx.env}-`, ''));
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((f) => f.startsWith('customresourcedefinition.'))) {
      const [crd] = readObjects(join(folder, file));
      if (!crd.metadata.annotations?.[SYNC_OPTIONS]?.includes('ServerSideApply=true')) continue;
      const live = await cluster.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', undefined, crd.metadata.name);
      const managers = ((live?.metadata as { managedFields?: { manager: string; operation: string }[] })?.managedFields ?? []);
      const applied = managers.some((m) => m.manager === 'argocd-controller' && m.operation === 'Apply');
      const lastApplied = Boolean(live?.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']);
      crds.push({ name: crd.metadata.name, bytes: JSON.stringify(crd).length, ok: Boolean(live) && applied && !lastApplied, why: !live ? 'missing' : !applied ? `managers ${managers.map((m) => `${m.manager}/${m.operation}`).join(',')}` : lastApplied ? 'has last-applied annotation' : '' });
    }
  }
  crds.sort((a, b) => b.bytes - a.bytes);
  check('CRDs marked ServerSideApply=true are applied server-side by argocd-controller (no last-applied annotation)', crds.length > 0 && crds.every((c) => c.ok),
    `${crds.length} CRDs; largest ${crds.slice(0, 3).map((c) => `${c.name} ${(c.bytes / 1024).toFixed(0)} KiB`).join(', ')}; over the 256 KiB annotation limit: ${crds.filter((c) => c.bytes > 262_144).length}${crds.filter((c) => !c.ok).map((c) => `; ${c.name}: ${c.why}`).join('')}`);
}

/** Each resource the controller reports OutOfSync, with its difference from the rendered file. */
async function reportOutOfSync(ctx: Context): Promise<number> {
  let count = 0;
  for (const app of ctx.recorder.apps.values()) {
    const outOfSync = (app.status?.resources ?? []).filter((r) => r.status && r.status !== 'Synced');
    if (app.status?.sync?.status === 'Synced' && outOfSync.length === 0) continue;
    count++;
    log(`OUT OF SYNC ${app.metadata.name}: ${app.status?.sync?.status} (${(app.status?.conditions ?? []).map((c) => c.message).join('; ')})`);
    const folder = join(ctx.repo.workDir, 'dist', ctx.env, app.metadata.name === ctx.root ? 'apps' : app.metadata.name.replace(`${ctx.env}-`, ''));
    const rendered = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.yaml')).flatMap((f) => readObjects(join(folder, f))) : [];
    for (const r of outOfSync.slice(0, 20)) {
      const want = rendered.find((o) => o.kind === r.kind && o.metadata.name === r.name && (o.metadata.namespace ?? '') === (r.namespace ?? ''));
      const live = await ctx.cluster.get(Cluster.apiVersion(r.group, r.version), r.kind, r.namespace, r.name).catch(() => undefined);
      const diff = !live ? ['not in the cluster'] : want ? fieldDifferences(want, live).filter((d) => !d.startsWith('/metadata/annotations/argocd')) : ['not rendered (would be pruned)'];
      log(`  ${resourceKey(r)} ${r.status}${r.requiresPruning ? ' (requires pruning)' : ''}: ${diff.slice(0, 8).join('; ') || 'only fields Argo CD normalises differ'}`);
    }
  }
  return count;
}

/** A server-side patch by another field manager, as the operators that own these fields do. */
async function ignoreDifferencesHold(ctx: Context): Promise<void> {
  const { cluster, recorder } = ctx;
  const b64 = Buffer.from('-----BEGIN CERTIFICATE-----\nvalidate-argocd\n-----END CERTIFICATE-----\n').toString('base64');
  const targets: { app: string; object: K8sObject; field: string; read: (o: K8sObject) => unknown; want: unknown }[] = [];
  for (const file of appFiles(ctx.repo, ctx.env)) {
    const [app] = readObjects(join(ctx.repo.workDir, 'dist', ctx.env, 'apps', file)) as unknown as Application[];
    for (const rule of (app.spec.ignoreDifferences ?? []) as { group?: string; kind: string; name?: string; namespace?: string; jqPathExpressions?: string[]; jsonPointers?: string[] }[]) {
      const folder = join(ctx.repo.workDir, 'dist', ctx.env, app.metadata.name.replace(`${ctx.env}-`, ''));
      const objects = readdirSync(folder).filter((f) => f.endsWith('.yaml')).flatMap((f) => readObjects(join(folder, f)))
        .filter((o) => o.kind === rule.kind && (!rule.name || o.metadata.name === rule.name));
      for (const object of objects) {
        if (rule.jqPathExpressions?.includes('.webhooks[]?.clientConfig.caBundle')) {
          const webhooks = (object.webhooks as { name: string }[]).map((w) => ({ name: w.name, clientConfig: { caBundle: b64 } }));
          targets.push({ app: app.metadata.name, object: { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.metadata.name }, webhooks }, field: '.webhooks[].clientConfig.caBundle',
            read: (o) => (o.webhooks as { clientConfig: { caBundle?: string } }[]).map((w) => w.clientConfig.caBundle), want: webhooks.map(() => b64) });
        } else if (rule.jsonPointers?.includes('/data') && rule.kind === 'Secret') {
          const data = { ...((object.data as Record<string, string>) ?? {}), 'server.secretkey': Buffer.from('validate-argocd').toString('base64') };
          targets.push({ app: app.metadata.name, object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: object.metadata.name, namespace: object.metadata.namespace }, data }, field: '/data',
            read: (o) => (o.data as Record<string, string> | undefined)?.['server.secretkey'], want: data['server.secretkey'] });
        } else {
          log(`ignoreDifferences of ${app.metadata.name} on ${rule.kind} ${rule.name ?? ''}: no rewrite simulated for ${JSON.stringify(rule.jqPathExpressions ?? rule.jsonPointers)}`);
        }
      }
    }
  }
  const patchedAt = new Date();
  for (const t of targets) await cluster.apply(t.object, 'validate-argocd-operator-rewrite');
  // A control the rules do not cover: the same manager changes a rendered label on the first target.
  const control = targets[0];
  await cluster.apply({ apiVersion: control.object.apiVersion, kind: control.object.kind, metadata: { name: control.object.metadata.name, namespace: control.object.metadata.namespace, labels: { 'app.kubernetes.io/part-of': 'validate-argocd-control' } } }, 'validate-argocd-control');
  const apps = [...new Set(targets.map((t) => t.app))];
  for (const app of apps) await refresh(cluster.client, app, 'hard');
  const reconciled = (n: string) => Date.parse(recorder.get(n)?.status?.reconciledAt ?? '0') >= Math.floor(patchedAt.getTime() / 1000) * 1000 + 1000;
  await recorder.until('the patched Applications reconciled', () => apps.every(reconciled), 120_000, () => describeApps(apps.map((n) => recorder.get(n)!)));
  // The control must come back through self-heal; the ignored fields must not.
  let restored = false;
  for (let i = 0; i < 120 && !restored; i++) {
    const live = await cluster.get(control.object.apiVersion, control.object.kind, control.object.metadata.namespace, control.object.metadata.name);
    restored = (live?.metadata as { labels?: Record<string, string> })?.labels?.['app.kubernetes.io/part-of'] === 'gridata';
    if (!restored) await new Promise((r) => setTimeout(r, 1_000));
  }
  await recorder.until('the patched Applications Synced', () => apps.every((n) => recorder.get(n)?.status?.sync?.status === 'Synced'), 120_000, () => describeApps(apps.map((n) => recorder.get(n)!)));
  const kept: string[] = [];
  const lost: string[] = [];
  for (const t of targets) {
    const live = await cluster.get(t.object.apiVersion, t.object.kind, t.object.metadata.namespace, t.object.metadata.name);
    (JSON.stringify(live ? t.read(live) : undefined) === JSON.stringify(t.want) ? kept : lost).push(`${t.app} ${t.object.kind}/${t.object.metadata.name} ${t.field}`);
  }
  check('a rewrite outside ignoreDifferences is detected and reverted by self-heal (control)', restored, `${control.object.kind}/${control.object.metadata.name} label app.kubernetes.io/part-of`);
  check('ignoreDifferences keep the apps Synced and the operators\' rewrites in place', lost.length === 0 && kept.length > 0 && apps.every((n) => recorder.get(n)?.status?.sync?.status === 'Synced'),
    `kept: ${kept.join(', ')}${lost.length ? `; reverted: ${lost.join(', ')}` : ''}`);
}

/** A commit that puts objects where the project forbids them; Argo CD must refuse them. */
async function projectRestrictions(ctx: Context): Promise<void> {
  const { repo, recorder, cluster, env } = ctx;
  const app = `${env}-${MISPLACED_INTO}`;
  const folder = join(repo.workDir, 'dist', env, MISPLACED_INTO);
  const header = '# validate:argocd TEST-ONLY misplaced object\n';
  writeFileSync(join(folder, 'namespace.validate-argocd-misplaced.yaml'), `${header}apiVersion: v1\nkind: Namespace\nmetadata:\n  name: validate-argocd-misplaced\n`);
  writeFileSync(join(folder, 'configmap.kube-system.validate-argocd-misplaced.yaml'), `${header}apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: validate-argocd-misplaced\n  namespace: kube-system\ndata:\n  a: b\n`);
  const sha = repo.commit('validate:argocd TEST-ONLY: a Namespace and a kube-system ConfigMap in a data-project folder');
  await refresh(cluster.client, app);
  const messages = () => {
    const a = recorder.get(app);
    return [...(a?.status?.conditions ?? []).map((c) => c.message), a?.status?.operationState?.message ?? '', ...(a?.status?.operationState?.syncResult?.resources ?? []).map((r) => r.message ?? '')].join('\n');
  };
  await recorder.until(`${app} refusing the misplaced objects`, () => recorder.get(app)?.status?.sync?.revision === sha && /not permitted/.test(messages()), 120_000, () => `${describeApps([recorder.get(app)!])}\n${messages()}`);
  await new Promise((r) => setTimeout(r, 3_000));
  const ns = await cluster.get('v1', 'Namespace', undefined, 'validate-argocd-misplaced');
  const cm = await cluster.get('v1', 'ConfigMap', 'kube-system', 'validate-argocd-misplaced');
  const said = messages().split('\n').filter((l) => /not permitted/.test(l));
  check(`the project refuses misplaced objects (${recorder.get(app)?.spec.project})`, !ns && !cm && said.some((m) => /Namespace/.test(m)) && said.some((m) => /kube-system/.test(m)),
    `${[...new Set(said)].join(' | ')}; in the cluster: Namespace ${ns ? 'CREATED' : 'absent'}, ConfigMap ${cm ? 'CREATED' : 'absent'}`);
  repo.git('revert', '--no-edit', 'HEAD');
  const back = repo.commit('revert');
  // The failed automated sync keeps retrying the refused revision (retry limit 5, up to 5 min)
  // after the revert, and a running operation holds back the next one: an operator ends it, as
  // `argocd app terminate-op` does (Applications have no status subresource).
  const running = recorder.get(app)?.status?.operationState?.phase === 'Running';
  if (running) {
    const res = await cluster.client.request('PATCH', `/apis/argoproj.io/v1alpha1/namespaces/${ARGOCD_NAMESPACE}/applications/${app}`, JSON.stringify({ status: { operationState: { phase: 'Terminating' } } }), 'application/merge-patch+json');
    if (res.status !== 200) throw new Error(`terminate-op ${app}: HTTP ${res.status}`);
  }
  log(`reverted (${back.slice(0, 8)})${running ? `; ${app}'s retrying sync of the refused revision terminated` : ''}`);
  await refresh(cluster.client, app);
  await recorder.until(`${app} Synced again after the revert, no operation running`, () => recorder.get(app)?.status?.sync?.revision === back && recorder.get(app)?.status?.sync?.status === 'Synced' && recorder.get(app)?.status?.operationState?.phase !== 'Running' && recorder.get(app)?.status?.operationState?.phase !== 'Terminating' && !/not permitted/.test((recorder.get(app)?.status?.conditions ?? []).map((c) => c.message).join()), 180_000, () => describeApps([recorder.get(app)!]));
  // The root (which may have started a sync meanwhile) must be done before the next scenario.
  await recorder.until('the root Synced with no operation running', () => recorder.get(ctx.root)?.status?.sync?.status === 'Synced' && recorder.get(ctx.root)?.status?.operationState?.phase !== 'Running', 240_000, () => describeApps([recorder.get(ctx.root)!, recorder.get(app)!]));
}

/** Renders still running in the background (stopped at teardown). */
const background = new Set<import('node:child_process').ChildProcess>();

/** Prepared in the background while Argo CD syncs: the renders of the promotion commits. */
interface PromotionStep { readonly label: string; readonly patch: string; readonly files: string[] }
async function preparePromotion(repo: ServedRepository, env: string, dir: string): Promise<PromotionStep[]> {
  const prep = join(dir, 'prep');
  // Prepared from the commit before the URL replacement: `npm run promote` refuses a dist/ that
  // differs from a fresh render, and the environment files still name the upstream URL. The
  // patches get the same replacement when they land on the served branch.
  repo.git('worktree', 'add', '--quiet', '-b', 'promotion-prep', prep, 'HEAD~1');
  execFileSync('ln', ['-s', join(repoRoot, 'node_modules'), join(prep, 'node_modules')]);
  const run = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', ...args], { cwd: prep, env: process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      background.add(child);
      child.on('exit', () => background.delete(child));
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d));
      child.stderr.on('data', (d: Buffer) => (out += d));
      child.on('exit', (code: number) => (code === 0 ? resolve() : reject(new Error(`npm run ${args.join(' ')} exited ${code}: ${out.slice(-1500)}`))));
    });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=validate-argocd', '-c', 'user.email=validate-argocd@localhost', '-C', prep, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const steps: PromotionStep[] = [];
  const record = (label: string) => {
    git('add', '-A');
    git('commit', '--quiet', '-m', label);
    let patch = git('format-patch', '-1', '--stdout', '--binary', 'HEAD');
    for (const url of repo.upstreamUrls) patch = patch.split(url).join(repo.url);
    steps.push({ label, patch, files: git('diff', '--name-only', 'HEAD~1', 'HEAD').trim().split('\n') });
  };
  // 1. A pin changes in dev first (what a pull request to dev does), rendered.
  const devFile = join(prep, 'environments', 'dev.yaml');
  const text = readFileSync(devFile, 'utf8');
  if (!PROMOTED.pin.test(text)) throw new Error(`environments/dev.yaml: the ${PROMOTED.component} pin this scenario bumps is not where expected`);
  writeFileSync(devFile, text.replace(PROMOTED.pin, `$1${PROMOTED.tag}$2`));
  await run(['synth']);
  record(`dev: ${PROMOTED.component} ${PROMOTED.tag}`);
  // 2. Then promoted one environment at a time up to the one under test (and one past dev).
  const order = ['dev', 'staging', 'prod'];
  const until = Math.max(1, order.indexOf(env));
  for (let i = 1; i <= until; i++) {
    await run(['promote', '--', '--from', order[i - 1], '--to', order[i], '--only', PROMOTED.versionsKey]);
    record(`promote ${order[i - 1]} → ${order[i]} (versions.${PROMOTED.versionsKey})`);
  }
  return steps;
}

/** Promotion by merge: each prepared commit lands; only the Applications whose folder changed re-sync. */
async function promotionByMerge(ctx: Context, steps: PromotionStep[]): Promise<void> {
  const { repo, recorder, cluster, env, expected } = ctx;
  for (const step of steps) {
    const before = new Map([...expected.keys()].map((n) => [n, recorder.get(n)?.status?.operationState?.startedAt]));
    execFileSync('git', ['-c', 'user.name=validate-argocd', '-c', 'user.email=validate-argocd@localhost', '-C', repo.workDir, 'am', '--quiet', '--3way'], { input: step.patch });
    const sha = repo.commit(step.label);
    const changed = new Set(step.files.filter((f) => f.startsWith(`dist/${env}/`)).map((f) => `${env}-${f.split('/')[2]}`).filter((n) => expected.has(n)));
    for (const name of [...expected.keys(), ctx.root]) await refresh(cluster.client, name);
    await recorder.until(`every Application at ${sha.slice(0, 8)} and Synced`, () =>
      [...expected.keys()].every((n) => recorder.get(n)?.status?.sync?.revision === sha && recorder.get(n)?.status?.sync?.status === 'Synced') &&
      [...changed].every((n) => recorder.get(n)?.status?.operationState?.syncResult?.revision === sha && recorder.get(n)?.status?.operationState?.phase === 'Succeeded'),
      180_000, () => describeApps(recorder.apps.values()));
    const resynced = [...expected.keys()].filter((n) => recorder.get(n)?.status?.operationState?.startedAt !== before.get(n));
    const touched = [...changed].flatMap((n) => (recorder.get(n)?.status?.operationState?.syncResult?.resources ?? []).filter((r) => r.message && !/unchanged/.test(r.message)).map((r) => `${n} ${resourceKey(r)}: ${r.message}`));
    const envsTouched = [...new Set(step.files.filter((f) => f.startsWith('dist/')).map((f) => f.split('/')[1]))];
    check(`${step.label}: only ${changed.size ? [...changed].join(', ') : `no ${env} Application`} re-synced, back to Synced`,
      JSON.stringify(resynced.sort()) === JSON.stringify([...changed].sort()),
      `commit ${sha.slice(0, 8)} changes dist/ of ${envsTouched.join(', ')}; re-synced: ${resynced.join(', ') || 'none'}; ${touched.join('; ')}`);
  }
}

/** A commit that deletes a component's folder and its Application: what goes, what the protections keep. */
async function componentDeletion(ctx: Context): Promise<void> {
  const { repo, recorder, cluster, env } = ctx;
  const app = `${env}-${DELETED_COMPONENT}`;
  const live = recorder.get(app);
  if (!live) throw new Error(`${app} does not exist`);
  const folder = join(repo.workDir, 'dist', env, DELETED_COMPONENT);
  const rendered = readdirSync(folder).filter((f) => f.endsWith('.yaml')).flatMap((f) => readObjects(join(folder, f)));
  const protectedKeys = new Set(rendered.filter((o) => /Delete=false/.test(o.metadata.annotations?.[SYNC_OPTIONS] ?? '')).map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`));
  const managed = (live.status?.resources ?? []).map((r) => ({ r, key: `${r.kind} ${r.namespace ?? ''}/${r.name}` }));
  rmSync(folder, { recursive: true });
  unlinkSync(join(repo.workDir, 'dist', env, 'apps', `application.argocd.${app}.yaml`));
  const sha = repo.commit(`remove ${DELETED_COMPONENT} from ${env} (its folder and its Application)`);
  await refresh(cluster.client, ctx.root);
  await recorder.until(`${app} pruned by the root and its finalizer done`, () => recorder.milestones.get(app)?.deleted !== undefined && recorder.get(ctx.root)?.status?.sync?.revision === sha && recorder.get(ctx.root)?.status?.sync?.status === 'Synced', 180_000, () => describeApps([recorder.get(ctx.root)!]));
  const kept: string[] = [];
  const deleted: string[] = [];
  for (const { r, key } of managed) {
    const obj = await cluster.get(Cluster.apiVersion(r.group, r.version), r.kind, r.namespace, r.name);
    const gone = !obj || Boolean(obj.metadata.deletionTimestamp);
    (gone ? deleted : kept).push(key);
  }
  const wrong = [...kept.filter((k) => !protectedKeys.has(k)).map((k) => `${k} kept without Delete=false`), ...deleted.filter((k) => protectedKeys.has(k)).map((k) => `${k} deleted despite Delete=false`)];
  check(`deleting ${DELETED_COMPONENT}'s folder and Application prunes the Application; its objects go except Delete=false`, wrong.length === 0 && kept.length === protectedKeys.size,
    `deleted: ${deleted.join(', ')}; kept (Prune=false,Delete=false): ${kept.join(', ')}${wrong.length ? `; WRONG: ${wrong.join('; ')}` : ''}`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { env: { type: 'string', default: 'dev' }, keep: { type: 'boolean', default: false }, 'timeout-seconds': { type: 'string', default: '900' } } });
  const env = values.env!;
  const timeoutMs = Number(values['timeout-seconds']) * 1000;
  if (!process.env.GRIDATA_CHART_MIRROR && existsSync(join(repoRoot, '../shared/chart-mirror/index.yaml'))) {
    process.env.GRIDATA_CHART_MIRROR = join(repoRoot, '../shared/chart-mirror');
  }
  buildTools(['kube-apiserver', 'etcd', 'kube-controller-manager', 'argocd']);
  const redis = ensureRedis(cacheRoot, log);
  log(`tools ready (redis ${redis.packages.find((p) => p.startsWith('redis-server'))})`);

  let plane: ControlPlane | undefined;
  let git: GitHttpServer | undefined;
  let argocd: ArgoCd | undefined;
  let recorder: ApplicationRecorder | undefined;
  let hooks: HookJobStandIn | undefined;
  const teardown = async () => {
    recorder?.stop();
    hooks?.stop();
    for (const child of background) {
      // npm and the renderer it started: the whole process group.
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await argocd?.stop();
    await git?.close();
    if (plane && (values.keep || checks.some((c) => !c.ok))) {
      // The processes' logs outlive the temp dir when something failed (or on --keep).
      const logs = join(cacheRoot, 'validate-argocd', 'last-run');
      rmSync(logs, { recursive: true, force: true });
      execFileSync('mkdir', ['-p', logs]);
      for (const f of readdirSync(plane.dir).filter((n) => n.endsWith('.log'))) execFileSync('cp', [join(plane.dir, f), logs]);
      log(`logs of this run: ${logs}`);
    }
    await plane?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void teardown().finally(() => process.exit(130)));
  try {
    plane = await startControlPlane({ log, kinds: new Set(), controllers: ['garbagecollector', 'namespace'], admissionWebhooks: false });
    const dir = plane.dir;
    git = await startGitHttpServer(join(dir, 'served'));
    const repo = createServedRepository(repoRoot, dir, git.url);
    log(`serving ${repo.url} (a clone of this checkout, dist/ pointed at it)`);
    const promotion = preparePromotion(repo, env, dir);
    promotion.catch(() => undefined);

    const cluster = new Cluster(plane.client);
    const installed = await installArgoCd(cluster, repo.workDir, env);
    log(`Argo CD's own objects applied as an install would: ${installed.length} files`);
    const params = cmdParams(repo.workDir, env);
    argocd = await startArgoCd({ dir, kubeconfig: plane.kubeconfig, redis, serverSideDiff: params['controller.diff.server.side'] === 'true', resyncSeconds: RESYNC_SECONDS, log });
    // A child's health or sync changing is a status update, which the install's
    // ignoreResourceUpdates (`/status` of everything) keeps from refreshing the root until its next
    // resync; the stage refreshes the root at once instead, as a git host's webhook would after a push.
    let rootRefresh: NodeJS.Timeout | undefined;
    const client = plane.client;
    recorder = new ApplicationRecorder(plane.client, (line) => {
      log(`  app ${line}`);
      if (line.includes(`${env}-gridata-root`) || rootRefresh) return;
      rootRefresh = setTimeout(() => {
        rootRefresh = undefined;
        void refresh(client, `${env}-gridata-root`).catch(() => undefined);
      }, 1_000);
    });
    await recorder.start();
    hooks = new HookJobStandIn(plane.client, log);
    hooks.start();

    const environment = loadEnvironment(env, join(repo.workDir, 'environments', `${env}.yaml`));
    const waves = syncWaves(enabledComponents(environment, COMPONENTS));
    const expected = new Map<string, number>();
    for (const file of appFiles(repo, env)) {
      const [app] = readObjects(join(repo.workDir, 'dist', env, 'apps', file)) as unknown as Application[];
      // The root manages its own Application too; it is not a component.
      if (app.metadata.name !== `${env}-gridata-root`) expected.set(app.metadata.name, waveOf(app));
    }
    const mismatched = [...waves].filter(([id, wave]) => expected.get(`${env}-${id}`) !== wave);
    check('rendered sync-wave annotations equal apps/sync-waves.ts', mismatched.length === 0 && waves.size === expected.size, mismatched.map(([id, w]) => `${id}: ${w} vs ${expected.get(`${env}-${id}`)}`).join(', '));
    const ctx: Context = { env, cluster, recorder, repo, expected, root: `${env}-gridata-root` };

    for (const object of readObjects(join(repo.workDir, 'dist', env, 'apps', 'bootstrap.yaml'))) await cluster.apply(object, 'validate-argocd-bootstrap');
    log(`bootstrap applied: ${ctx.root} → ${repo.url} dist/${env}/apps`);

    if (environment.argocd.syncWindows.length > 0) await syncWindowsHold(ctx, environment.argocd.syncWindows, argocd.controllerLog);
    await realHealthGating(ctx);

    const cmFile = join(repo.workDir, 'dist', env, 'argocd', 'configmap.argocd.argocd-cm.yaml');
    const cm = parseDocument(readFileSync(cmFile, 'utf8'));
    cm.setIn(['data', HEALTH_KEY], kubeletGapHealthLua());
    cm.setIn(['data', CNPG_CLUSTER_HEALTH_KEY], cnpgClusterHealthLua());
    writeFileSync(cmFile, cm.toString());
    const gapSha = repo.commit('validate:argocd TEST-ONLY: Application health counts kubelet-bound Progressing as Healthy');
    // The root may stall before the wave of ${env}-argocd, which would sync this: applied as the
    // install applied it; ${env}-argocd later finds it equal to the served copy.
    for (const object of readObjects(cmFile)) await cluster.apply(object, 'validate-argocd-install');
    const liveCm = await cluster.get('v1', 'ConfigMap', 'argocd', 'argocd-cm');
    recorder.enableGap(new Set(KUBELET_BOUND_KINDS), Number(liveCm?.metadata.resourceVersion ?? 0));
    if (recorder.get(`${env}-argocd`)) await refresh(cluster.client, `${env}-argocd`);
    await refresh(cluster.client, ctx.root);
    log(`kubelet-gap health variant committed (${gapSha.slice(0, 8)}) and applied to argocd-cm`);

    await everythingSynced(ctx, timeoutMs);
    log(`bootstrap to all Synced: ${seconds()}s since start; hook Jobs marked completed without running: ${hooks.completed.length}`);
    await ignoreDifferencesHold(ctx);
    await projectRestrictions(ctx);
    const steps = await promotion;
    await promotionByMerge(ctx, steps);
    await componentDeletion(ctx);
  } catch (error) {
    check('the loop ran to the end', false, error instanceof Error ? error.message : String(error));
    if (argocd) log(`controller log tail: ${argocd.controllerLog}\n${execFileSync('tail', ['-n', '15', argocd.controllerLog], { encoding: 'utf8' })}`);
  } finally {
    await teardown();
  }
  const failed = checks.filter((c) => !c.ok).length;
  log(`validate:argocd (${env}) finished in ${seconds()}s`);
  console.log(`${checks.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
