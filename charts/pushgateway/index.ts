import type { ComponentDefinition } from '../shared/component';
import { pinnedImage } from '../shared/images';
import { PUSHGATEWAY_NAMESPACE } from './constants';
import { renderPushgateway } from './server';
import { pushgatewayFlows } from './flows';

export const pushgatewayComponent: ComponentDefinition = {
  id: 'pushgateway',
  description: 'Prometheus Pushgateway for the data-quality metrics the Spark quality job pushes, with its ServiceMonitor',
  namespace: PUSHGATEWAY_NAMESPACE,
  project: 'observability',
  // The ServiceMonitor CRD comes with kube-prometheus-stack.
  dependsOn: ['monitoring'],
  enabled: (env) => env.features.monitoring,
  version: (env) => pinnedImage(env, 'monitoring', 'pushgateway').tag,
  render: (scope, { env }) => {
    renderPushgateway(scope, env);
  },
  flows: pushgatewayFlows,
};
