// Field-level comparison of two versions of one object. Lists are matched by an identity field
// (name, chart, ...) when every element has one, so a container's image change reads as
// `spec.template.spec.containers[name=minio].image` rather than a whole-list replacement.
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from './version-pins';

export interface FieldChange {
  /** Dotted path, list elements as `[field=value]` or `[index]`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const IDENTITY_FIELDS = ['name', 'chart', 'path', 'mountPath', 'containerPort', 'port', 'key'] as const;

/** The field identifying each element of both lists, or undefined when the lists must be compared whole. */
export function listIdentity(a: unknown[], b: unknown[]): string | undefined {
  for (const field of IDENTITY_FIELDS) {
    const usable = [a, b].every((list) => {
      const values = list.map((e) => (isRecord(e) ? e[field] : undefined));
      return values.every((v) => typeof v === 'string' || typeof v === 'number') && new Set(values).size === values.length;
    });
    if (usable && (a.length > 0 || b.length > 0)) return field;
  }
  return undefined;
}

export function elementLabel(field: string, value: unknown): string {
  return `[${field}=${String(value)}]`;
}

/** Every leaf-most difference between `before` and `after` (undefined = absent). */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => fieldChanges(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const identity = listIdentity(before, after);
    if (identity) {
      return pairElements(before, after, identity).flatMap(([id, a, b]) => fieldChanges(a, b, `${path}${elementLabel(identity, id)}`));
    }
  }
  return [{ path, before, after }];
}

/** Elements of two identified lists paired by identity, in the order of `after` then removed ones. */
export function pairElements(before: unknown[], after: unknown[], identity: string): [unknown, unknown, unknown][] {
  const byId = (list: unknown[]) => new Map(list.map((e) => [(e as Record<string, unknown>)[identity], e]));
  const beforeById = byId(before);
  const afterById = byId(after);
  const ids = [...afterById.keys(), ...[...beforeById.keys()].filter((id) => !afterById.has(id))];
  return ids.map((id) => [id, beforeById.get(id), afterById.get(id)]);
}
