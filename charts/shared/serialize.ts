// Deterministic YAML: apiVersion, kind, metadata first, everything else sorted by key.
import { stringify } from 'yaml';
import { compareKeys, emitYaml, NotEmittable } from './yaml-emitter';

export function sortKeys(value: unknown, topLevel = false): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const compare = compareKeys(topLevel);
  entries.sort(([a], [b]) => compare(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** The `yaml` package's output for these options; what toYaml writes, byte for byte. */
export function toYamlWithYamlPackage(obj: unknown): string {
  return stringify(sortKeys(obj, true), { lineWidth: 0, version: '1.1', aliasDuplicateObjects: false });
}

export function toYaml(obj: unknown): string {
  try {
    return emitYaml(obj);
  } catch (error) {
    if (!(error instanceof NotEmittable)) throw error;
    return toYamlWithYamlPackage(obj);
  }
}
