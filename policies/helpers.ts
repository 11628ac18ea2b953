// Generic helpers shared by the policy rules: reading values, matching label selectors, glob
// matching for Argo CD project fields. Nothing here knows how the renderer builds objects.

/** The value at a dotted path (`a.b.c`) inside nested objects, or undefined. */
export function valueAt(values: Record<string, any> | undefined, dotted: string): any {
  return dotted.split('.').reduce<any>((v, key) => (v && typeof v === 'object' ? v[key] : undefined), values);
}

/** Kubernetes label-selector semantics; an empty selector selects nothing here (rules want explicit selectors). */
export function matchesSelector(selector: any, labels: Record<string, string>): boolean {
  const match = selector?.matchLabels ?? {};
  if (Object.keys(match).length === 0 && !selector?.matchExpressions) return false;
  if (!Object.entries(match).every(([k, v]) => labels[k] === v)) return false;
  return (selector?.matchExpressions ?? []).every((e: any) => {
    const value = labels[e.key];
    switch (e.operator) {
      case 'In':
        return e.values.includes(value);
      case 'NotIn':
        return !e.values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  });
}

/** Whether a plain `matchLabels` map selects the labels (an empty map selects nothing). */
export function matchLabelsSelect(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** Argo CD-style glob: `*` matches any run of characters; everything else is literal. */
export function globMatches(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return value === undefined || value === '';
  if (pattern === '*') return true;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value ?? '');
}

/** API group of an apiVersion (`apps/v1` → `apps`, `v1` → core ""). */
export function apiGroupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
}

export function isDefined<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}

/**
 * Environments that must survive a node drain (replicas, PDBs, spread). The policy states this
 * itself rather than reading a renderer setting, so a renderer that stops making staging
 * highly-available is caught.
 */
export const HA_ENVIRONMENTS: readonly string[] = ['staging', 'prod'];
