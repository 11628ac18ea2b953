// `helm template` of many requests at once (render/hydrate/requests.ts builds them), each failure an
// outcome: for the integration test over every chart and for npm run charts:bench.
import { loadChartLock } from '../../render/hydrate/lock';
import type { ComponentChartRequest } from '../../render/hydrate/requests';
import { HelmTemplateError, helmTemplate, type HelmOptions } from '../../render/hydrate/helm';

export { chartRequests, type ComponentChartRequest } from '../../render/hydrate/requests';

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
