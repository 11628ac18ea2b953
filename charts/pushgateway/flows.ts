// The Pushgateway receives the quality job's pushes (declared by pipelines) and is scraped; it makes
// no connections itself.
import type { Environment } from '../../environments/types';
import { workload, type Flow } from '../shared/flows';
import { scrapedBy } from '../monitoring/flows';
import { PUSHGATEWAY_NAMESPACE, PUSHGATEWAY_PORT } from './constants';
import { pushgatewayPodLabels } from './server';

export const pushgateway = (env: Environment) => workload('pushgateway', PUSHGATEWAY_NAMESPACE, 'pushgateway', pushgatewayPodLabels(env));

export function pushgatewayFlows(env: Environment): Flow[] {
  return scrapedBy(env, pushgateway(env), PUSHGATEWAY_PORT, 'the pushed data-quality metrics');
}
