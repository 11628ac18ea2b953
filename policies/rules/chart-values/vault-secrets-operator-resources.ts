import { resourcesRule } from './data-plane-values';

export const vsoResources = resourcesRule('CV-VSO-001', 'vault-secrets-operator', 'Vault Secrets Operator chart', () => ['controller.manager.resources', 'hooks.resources']);
