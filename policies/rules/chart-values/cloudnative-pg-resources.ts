import { resourcesRule } from './data-plane-values';

export const cnpgResources = resourcesRule('CV-CNPG-001', 'cloudnative-pg', 'CloudNativePG operator chart', () => ['resources']);
