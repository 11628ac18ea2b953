import type { DocumentRule } from '../../types';

export const noSecretData: DocumentRule = {
  id: 'SEC-001',
  title: 'No Secret objects carry data',
  severity: 'error',
  rationale: 'Everything rendered is committed to git; secret values come from Vault (agent injection or VSO), never from manifests.',
  remediation: 'Remove data/stringData from the Secret; write the value to Vault and deliver it by agent injection or a VaultStaticSecret.',
  family: 6,
  scope: 'document',
  check: ({ object }) => {
    if (object.kind !== 'Secret') return [];
    const keys = [...Object.keys(object.data ?? {}), ...Object.keys(object.stringData ?? {})];
    return keys.length > 0 ? [{ message: `Secret holds values for ${keys.join(', ')}; source them from Vault instead` }] : [];
  },
};
