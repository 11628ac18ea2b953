import { resourcesRule } from './data-plane-values';

export const polarisResources = resourcesRule('CV-POLARIS-001', 'polaris', 'Polaris chart', () => ['resources']);
