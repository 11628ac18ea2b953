// Exemptions for objects the upstream chart of component "argocd" renders into dist/<env>/argocd/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

// Argo CD's settings manager lists its ConfigMaps with the selector app.kubernetes.io/part-of=argocd;
// relabelled part-of=gridata, Argo CD does not find its configuration and the controller exits
// (shown by validate:argocd, decision 9301). charts/argocd/index.ts keeps the chart's label on them.
const SETTINGS_CONFIGMAPS = ['argocd-cm', 'argocd-rbac-cm', 'argocd-ssh-known-hosts-cm', 'argocd-tls-certs-cm', 'argocd-gpg-keys-cm'];

export const EXEMPTIONS: readonly Exemption[] = SETTINGS_CONFIGMAPS.map((name) => ({
  rule: 'META-001',
  kind: 'ConfigMap',
  namespace: 'argocd',
  name,
  reason: 'Argo CD selects its settings ConfigMaps by app.kubernetes.io/part-of=argocd; with part-of=gridata the application controller cannot start',
  expires: '2027-11-30',
}));
