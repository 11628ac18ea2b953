import { resourcesRule } from './data-plane-values';

export const sparkOperatorResources = resourcesRule('CV-SPARKOP-001', 'spark-operator', 'Spark operator chart', (v) => [
  'controller.resources',
  ...(v.webhook?.enable === false ? [] : ['webhook.resources']),
]);
