// Deterministic YAML: apiVersion, kind, metadata first, everything else sorted by key.
import { stringify } from 'yaml';
import { emitYaml, NotEmittable } from './yaml-emitter';

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

/** The `yaml` package's output for these options; what toYaml writes, byte for byte. */
export function toYamlWithYamlPackage(obj: unknown): string {
  return stringify(sortKeys(obj, true), { lineWidth: 0, version: '1.1', aliasDuplicateObjects: false });
}

export function toYaml(obj: unknown): string {
  try {
    return emitYaml(obj, true);
  } catch (error) {
    if (!(error instanceof NotEmittable)) throw error;
    return toYamlWithYamlPackage(obj);
  }
}
