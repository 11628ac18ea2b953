// The `helm template` requests of an environment: every enabled component's upstream chart with the
// values it generates, computed as render/environment.ts computes them.
import { COMPONENTS } from '../../charts';
import type { Environment } from '../../environments/types';
import { componentContexts, enabledComponents } from '../components';
import { chartRequest } from './hydrate';
import type { HelmTemplateRequest } from './helm';

export interface ComponentChartRequest extends HelmTemplateRequest {
  readonly env: string;
  readonly component: string;
  /** The upstream repository the chart is locked from. */
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
