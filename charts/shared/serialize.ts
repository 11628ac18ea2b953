// Deterministic YAML: apiVersion, kind, metadata first, everything else sorted by key.
import { stringify } from 'yaml';

const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata'];

export function sortKeys(value: unknown, topLevel = false): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => {
    if (topLevel) {
      const ia = TOP_LEVEL_ORDER.indexOf(a);
      const ib = TOP_LEVEL_ORDER.indexOf(b);
      if (ia !== -1 || ib !== -1) return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
    }
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

export function toYaml(obj: unknown): string {
  return stringify(sortKeys(obj, true), { lineWidth: 0, version: '1.1', aliasDuplicateObjects: false });
}
