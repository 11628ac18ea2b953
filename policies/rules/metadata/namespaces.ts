import type { DocumentRule } from '../../types';

export interface NamespaceParams {
  /** Kinds that are cluster-scoped and so must not name a namespace. */
  readonly clusterScopedKinds: readonly string[];
  /** Namespaces nothing may be rendered into. */
  readonly forbiddenNamespaces: readonly string[];
}

export const NAMESPACE_PARAMS: NamespaceParams = {
  clusterScopedKinds: [
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass', 'APIService', 'ClusterIssuer',
  ],
  forbiddenNamespaces: ['default', 'kube-system', 'kube-public', 'kube-node-lease'],
};

export const explicitNamespace: DocumentRule<NamespaceParams> = {
  id: 'META-002',
  title: 'Namespaced objects name their namespace, and it is never default',
  severity: 'error',
  rationale: 'An implicit namespace depends on whoever applies the file; default is shared by everything and has no policies.',
  remediation: 'Set metadata.namespace to the component\'s own namespace (never default); cluster-scoped kinds take no namespace.',
  family: 7,
  params: NAMESPACE_PARAMS,
  scope: 'document',
  check: ({ object }, params) => {
    const ns = object.metadata.namespace;
    if (params.clusterScopedKinds.includes(object.kind)) {
      return ns ? [{ message: `cluster-scoped ${object.kind} must not set metadata.namespace (${ns})` }] : [];
    }
    if (!ns) return [{ message: 'metadata.namespace is not set' }];
    if (params.forbiddenNamespaces.includes(ns)) return [{ message: `metadata.namespace is ${ns}` }];
    return [];
  },
};
