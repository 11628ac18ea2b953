import { availabilityRule } from './data-plane-values';

export const polarisAvailability = availabilityRule('CV-POLARIS-002', 'polaris', 'The Polaris catalog', () => [
  { replicas: 'replicaCount', pdb: 'podDisruptionBudget.enabled', required: ['affinity.podAntiAffinity'] },
]);
