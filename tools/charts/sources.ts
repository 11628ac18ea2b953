// The `helm template` requests of an environment: every enabled component's Helm source (chart,
// version, release, generated values), read from the ComponentDefinitions through the render
// pipeline's component contexts, as render/environment.ts does.
import { COMPONENTS } from '../../charts';
import type { Environment } from '../../environments/types';
import { componentContexts, enabledComponents } from '../../render/components';
import { loadChartLock } from './lock';
import { HelmTemplateError, KUBE_VERSION, helmTemplate, type HelmOptions, type HelmTemplateRequest } from './helm';

/** CRD group/versions the platform installs, reported to charts as available (`--api-versions`). */
// Charts test either form (`Capabilities.APIVersions.Has "group/version"` or `"group/version/Kind"`).
export const PLATFORM_API_VERSIONS = [
  'monitoring.coreos.com/v1',
  'monitoring.coreos.com/v1/PodMonitor',
  'monitoring.coreos.com/v1/PrometheusRule',
  'monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1alpha1',
  'postgresql.cnpg.io/v1',
  'secrets.hashicorp.com/v1beta1',
  'sparkoperator.k8s.io/v1beta2',
  'argoproj.io/v1alpha1',
];

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
    return [{ env: env.name, component: c.id, repository: h.repoURL, chart: h.chart, version: h.version, releaseName: h.releaseName,
      namespace: c.namespace, values: h.values, kubeVersion: KUBE_VERSION, apiVersions: PLATFORM_API_VERSIONS }];
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
