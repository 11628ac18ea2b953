// The policy families. Rules carry the number; README's rule table shows the name.
export const FAMILIES: Readonly<Record<number, string>> = {
  1: 'resources',
  2: 'pod security',
  3: 'pinned images',
  4: 'availability',
  5: 'network policy',
  6: 'secrets',
  7: 'labels & references',
  8: 'Vault consistency',
  9: 'Argo CD wiring',
  10: 'chart values',
  11: 'RBAC',
};
