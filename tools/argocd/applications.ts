// The Applications as the controller leaves them, read from the API server: a watch records, per
// Application, the etcd revision at which it was created and first seen Healthy and Synced, so
// the order the controller did things in is exact (resourceVersions of one etcd are one sequence).
import type { ApiClient } from '../validate/api-client';
import { ARGOCD_NAMESPACE } from './argocd-processes';

export const APPLICATIONS = `/apis/argoproj.io/v1alpha1/namespaces/${ARGOCD_NAMESPACE}/applications`;

export interface ResourceStatus {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  health?: { status?: string; message?: string };
  requiresPruning?: boolean;
}

export interface ResourceResult {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  message?: string;
  syncPhase?: string;
  hookType?: string;
}

export interface Application {
  metadata: { name: string; resourceVersion: string; annotations?: Record<string, string>; deletionTimestamp?: string };
  spec: { source?: { repoURL?: string; path?: string }; ignoreDifferences?: unknown[]; project: string };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    resources?: ResourceStatus[];
    conditions?: { type: string; message: string }[];
    reconciledAt?: string;
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      operation?: { sync?: { revision?: string } };
      syncResult?: { revision?: string; resources?: ResourceResult[] };
    };
  };
}

export interface Milestones {
  /** resourceVersion of the ADDED event (the controller's create). */
  added?: number;
  healthy?: number;
  synced?: number;
  /** First seen Healthy and Synced with no sync operation running: what the root's health check waits for. */
  ready?: number;
  /** First seen passing only the kubelet-gap clause (Synced, only kubelet-bound kinds Progressing). */
  gapReady?: number;
  deleted?: number;
}

export const waveOf = (app: Application) => Number(app.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? '0');
export const resourceKey = (r: { group?: string; kind: string; namespace?: string; name: string }) =>
  `${r.group ? `${r.group}/` : ''}${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

export class ApplicationRecorder {
  readonly apps = new Map<string, Application>();
  readonly milestones = new Map<string, Milestones>();
  private stopWatch: (() => void) | undefined;
  private closed = false;

  /** Set once the kubelet-gap variant is live (enableGap): from then on `gapReady` is recorded too. */
  private gapKinds: ReadonlySet<string> | undefined;

  /**
   * The kubelet-gap variant went live at etcd revision `sinceRv`: record `gapReady` from now on. An
   * Application already in that state counts from `sinceRv` (its status may not change again, and
   * the root's check sees it as Healthy from then on).
   */
  enableGap(kinds: ReadonlySet<string>, sinceRv: number): void {
    this.gapKinds = kinds;
    for (const [name, app] of this.apps) {
      if (!this.gapSatisfied(app)) continue;
      const m = this.milestones.get(name) ?? {};
      m.gapReady ??= Math.max(Number(app.metadata.resourceVersion), sinceRv);
      this.milestones.set(name, m);
    }
  }

  /** Synced, Progressing, and every resource that is not Healthy is Progressing and of a gap kind. */
  private gapSatisfied(app: Application): boolean {
    if (!this.gapKinds || app.status?.health?.status !== 'Progressing' || app.status?.sync?.status !== 'Synced') return false;
    const notHealthy = (app.status.resources ?? []).filter((r) => r.health && r.health.status !== 'Healthy');
    return notHealthy.length > 0 && notHealthy.every((r) => r.health?.status === 'Progressing' && this.gapKinds!.has(`${r.group ?? ''}/${r.kind}`));
  }

  /** Health and sync transitions of every Application, "<rv> <name> <sync>/<health> <message>". */
  readonly transitions: string[] = [];

  constructor(private readonly client: ApiClient, private readonly onTransition?: (line: string) => void) {}

  private record(type: string, app: Application): void {
    const name = app.metadata.name;
    const rv = Number(app.metadata.resourceVersion);
    const m = this.milestones.get(name) ?? {};
    if (type === 'DELETED') {
      this.apps.delete(name);
      m.deleted ??= rv;
    } else {
      const before = this.apps.get(name);
      const state = (a: Application | undefined) => `${a?.status?.sync?.status ?? '-'}/${a?.status?.health?.status ?? '-'}`;
      if (type === 'ADDED' || state(before) !== state(app)) {
        const line = `${rv} ${name} ${type === 'ADDED' && !before ? 'created ' : ''}${state(app)} ${(app.status?.health?.message ?? '').slice(0, 120)}`;
        this.transitions.push(line);
        this.onTransition?.(line);
      }
      this.apps.set(name, app);
      if (type === 'ADDED') m.added ??= rv;
      if (app.status?.health?.status === 'Healthy') m.healthy ??= rv;
      if (app.status?.sync?.status === 'Synced') m.synced ??= rv;
      if (app.status?.health?.status === 'Healthy' && app.status?.sync?.status === 'Synced' && app.status?.operationState?.phase !== 'Running') m.ready ??= rv;
      if (this.gapSatisfied(app)) m.gapReady ??= rv;
    }
    this.milestones.set(name, m);
  }

  /** Lists (nothing exists yet when called before the bootstrap) and keeps watching until stop(). */
  async start(): Promise<void> {
    const list = await this.client.getJson<{ metadata: { resourceVersion: string }; items: Application[] }>(APPLICATIONS);
    for (const item of list?.items ?? []) this.record('ADDED', item);
    let from = list?.metadata.resourceVersion ?? '0';
    const loop = async () => {
      while (!this.closed) {
        const watch = await this.client.watch(`${APPLICATIONS}?watch=1&resourceVersion=${from}&allowWatchBookmarks=true`, (event) => {
          const app = event.object as unknown as Application;
          from = app.metadata?.resourceVersion ?? from;
          if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') this.record(event.type, app);
        });
        this.stopWatch = watch.stop;
        await watch.done.catch(() => undefined);
      }
    };
    void loop();
  }

  stop(): void {
    this.closed = true;
    this.stopWatch?.();
  }

  get(name: string): Application | undefined {
    return this.apps.get(name);
  }

  /** Polls until `check` holds (the watch keeps `apps` current); throws with `describe` on timeout. */
  async until(what: string, check: () => boolean, timeoutMs: number, describe: () => string = () => ''): Promise<number> {
    const started = Date.now();
    while (!check()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${describe() ? `:\n${describe()}` : ''}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    return Date.now() - started;
  }
}

/** Asks the controller to compare again now, as the webhook of a git host would after a push. */
export async function refresh(client: ApiClient, name: string, kind: 'normal' | 'hard' = 'normal'): Promise<void> {
  const patch = JSON.stringify({ metadata: { annotations: { 'argocd.argoproj.io/refresh': kind } } });
  const res = await client.request('PATCH', `${APPLICATIONS}/${name}`, patch, 'application/merge-patch+json');
  if (res.status !== 200) throw new Error(`refresh ${name}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
}

/** One line per Application: sync, health, operation. */
export function describeApps(apps: Iterable<Application>): string {
  return [...apps]
    .sort((a, b) => waveOf(a) - waveOf(b) || a.metadata.name.localeCompare(b.metadata.name))
    .map((a) => {
      const op = a.status?.operationState;
      return `  wave ${waveOf(a)} ${a.metadata.name}: ${a.status?.sync?.status ?? '-'} / ${a.status?.health?.status ?? '-'}${
        op ? ` (operation ${op.phase}: ${(op.message ?? '').slice(0, 200)})` : ''
      }${(a.status?.conditions ?? []).map((c) => `\n      ${c.type}: ${c.message.slice(0, 300)}`).join('')}`;
    })
    .join('\n');
}
