import type { DocumentRule } from '../../types';

export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass', 'APIService', 'ClusterIssuer',
]);

export const explicitNamespace: DocumentRule = {
  id: 'META-002',
  title: 'Namespaced objects name their namespace, and it is never default',
  severity: 'error',
  rationale: 'An implicit namespace depends on whoever applies the file; default is shared by everything and has no policies.',
  remediation: 'Set metadata.namespace to the component\'s own namespace (never default); cluster-scoped kinds take no namespace.',
  family: 7,
  scope: 'document',
  check: ({ object }) => {
    const ns = object.metadata.namespace;
    if (CLUSTER_SCOPED_KINDS.has(object.kind)) {
      return ns ? [{ message: `cluster-scoped ${object.kind} must not set metadata.namespace (${ns})` }] : [];
    }
    if (!ns) return [{ message: 'metadata.namespace is not set' }];
    if (ns === 'default') return [{ message: 'metadata.namespace is default' }];
    return [];
  },
};
