import { availabilityRule } from './data-plane-values';

export const sparkOperatorAvailability = availabilityRule('CV-SPARKOP-002', 'spark-operator', 'The Spark operator (controller and webhook)', () => [
  { replicas: 'controller.replicas', pdb: 'controller.podDisruptionBudget.enable', required: ['controller.leaderElection.enable', 'controller.affinity.podAntiAffinity'] },
  { replicas: 'webhook.replicas', pdb: 'webhook.podDisruptionBudget.enable', required: ['webhook.affinity.podAntiAffinity'] },
]);
