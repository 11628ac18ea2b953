// The one thing validate:argocd does in a kubelet's place (decision 0043): it marks the Jobs that
// Argo CD runs as sync hooks (argocd.argoproj.io/hook, or helm.sh/hook, which Argo CD maps to
// PreSync/PostSync…) as completed, without running them. Argo CD waits for a hook to finish before
// the next phase or wave, so without this the first PreSync hook (kube-prometheus-stack's admission
// Job) stops every later sync. Nothing a hook would have done exists (no certificates, no
// migrations, no Vault configuration); each Job marked is listed in the report, and no check of the
// stage depends on a hook's effect. Jobs that are not hooks stay as they are (Progressing).
import type { ApiClient } from '../validate/api-client';

interface Job {
  metadata: { name: string; namespace: string; annotations?: Record<string, string>; creationTimestamp?: string };
  status?: { conditions?: { type: string; status: string }[] };
}

export const isHook = (annotations: Record<string, string> | undefined) =>
  Boolean(annotations?.['argocd.argoproj.io/hook'] || annotations?.['helm.sh/hook']);

export class HookJobStandIn {
  /** "<namespace>/<name> (<hook>)" of every Job marked completed, in order. */
  readonly completed: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly client: ApiClient, private readonly log: (line: string) => void) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), 1_000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const list = await this.client.getJson<{ items: Job[] }>('/apis/batch/v1/jobs');
      for (const job of list?.items ?? []) {
        if (!isHook(job.metadata.annotations)) continue;
        if (job.status?.conditions?.some((c) => c.type === 'Complete' && c.status === 'True')) continue;
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const status = {
          status: {
            startTime: now,
            completionTime: now,
            succeeded: 1,
            conditions: [
              { type: 'SuccessCriteriaMet', status: 'True', reason: 'CompletionsReached', message: 'validate:argocd stand-in: no kubelet ran this hook', lastProbeTime: now, lastTransitionTime: now },
              { type: 'Complete', status: 'True', reason: 'CompletionsReached', message: 'validate:argocd stand-in: no kubelet ran this hook', lastProbeTime: now, lastTransitionTime: now },
            ],
          },
        };
        const path = `/apis/batch/v1/namespaces/${job.metadata.namespace}/jobs/${job.metadata.name}/status`;
        const res = await this.client.request('PATCH', path, JSON.stringify(status), 'application/merge-patch+json');
        const hook = job.metadata.annotations?.['argocd.argoproj.io/hook'] ?? `helm ${job.metadata.annotations?.['helm.sh/hook']}`;
        if (res.status === 200) {
          this.completed.push(`${job.metadata.namespace}/${job.metadata.name} (${hook})`);
          this.log(`hook Job ${job.metadata.namespace}/${job.metadata.name} (${hook}) marked completed without running (no kubelet)`);
        } else this.log(`could not mark hook Job ${job.metadata.namespace}/${job.metadata.name}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
      }
    } catch {
      // the next tick tries again
    } finally {
      this.running = false;
    }
  }
}
