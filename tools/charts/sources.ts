// The `helm template` requests of an environment: every enabled component's Helm source (chart,
// version, release, generated values), read from the ComponentDefinitions through the render
// pipeline's component contexts, as render/environment.ts does.
import { COMPONENTS } from '../../charts';
import type { Environment } from '../../environments/types';
import { componentContexts, enabledComponents } from '../../render/components';
import { loadChartLock } from '../../render/hydrate/lock';
import { chartRequest } from '../../render/hydrate/hydrate';
import { HelmTemplateError, helmTemplate, type HelmOptions, type HelmTemplateRequest } from '../../render/hydrate/helm';

export interface ComponentChartRequest extends HelmTemplateRequest {
  readonly env: string;
  readonly component: string;
  /** The upstream repository the component's Application names. */
  readonly repository: string;
}

export function chartRequests(env: Environment): ComponentChartRequest[] {
  const enabled = enabledComponents(env, COMPONENTS);
  const contexts = componentContexts(env, enabled);
  return enabled.flatMap((c) => {
    if (!c.helm) return [];
    const h = c.helm(contexts.get(c.id)!);
    return [{ ...chartRequest(env, c.namespace, h), env: env.name, component: c.id, repository: h.repoURL }];
  });
}

export interface ChartOutcome {
  readonly request: ComponentChartRequest;
  readonly ok: boolean;
  readonly cached: boolean;
  readonly objects: number;
  readonly error?: string;
}

/** Runs `requests` at most `parallel` at a time; a failing chart is an outcome, not an exception. */
export async function templateAll(requests: readonly ComponentChartRequest[], opts: HelmOptions = {}, parallel = 2): Promise<ChartOutcome[]> {
  opts = { ...opts, lock: opts.lock ?? loadChartLock() };
  const outcomes: ChartOutcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      const request = requests[i];
      try {
        const r = await helmTemplate(request, opts);
        outcomes[i] = { request, ok: true, cached: r.cached, objects: (r.manifest.match(/^kind: /gm) ?? []).length };
      } catch (e) {
        outcomes[i] = { request, ok: false, cached: e instanceof HelmTemplateError && e.cached, objects: 0, error: (e as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return outcomes;
}
