import type { ComponentDefinition } from '../shared/component';
import { GRIDATA_VERSION } from '../shared/version';
import { renderNamespaces } from './namespaces-chart';
import { namespacesFlows } from './flows';

export const namespacesComponent: ComponentDefinition = {
  id: 'namespaces',
  description: 'Namespaces, Pod Security labels, quotas, LimitRanges and default-deny NetworkPolicies',
  namespace: 'argocd',
  project: 'platform',
  dependsOn: [],
  version: () => GRIDATA_VERSION,
  render: renderNamespaces,
  flows: namespacesFlows,
};
