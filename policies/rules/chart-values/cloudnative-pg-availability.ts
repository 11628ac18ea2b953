import { availabilityRule } from './data-plane-values';

export const cnpgAvailability = availabilityRule('CV-CNPG-002', 'cloudnative-pg', 'The CloudNativePG operator', () => [
  { replicas: 'replicaCount', pdb: 'podDisruptionBudget.enabled', required: ['affinity.podAntiAffinity'] },
]);
