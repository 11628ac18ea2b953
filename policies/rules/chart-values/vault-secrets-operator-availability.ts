import { availabilityRule } from './data-plane-values';

export const vsoAvailability = availabilityRule('CV-VSO-002', 'vault-secrets-operator', 'Vault Secrets Operator', () => [
  { replicas: 'controller.replicas', pdb: 'controller.podDisruptionBudget.enabled', required: ['controller.affinity.podAntiAffinity'] },
]);
