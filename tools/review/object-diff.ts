// Field-level comparison of two versions of one object. Lists are matched by an identity field
// (name, chart, path, ...) when every element has one, so a container's image change reads as
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

/** An element's identity: the first identity field it has, e.g. ['name', 'minio']. */
export function elementIdentity(element: unknown): [string, string | number] | undefined {
  if (!isRecord(element)) return undefined;
  for (const field of IDENTITY_FIELDS) {
    const value = element[field];
    if (typeof value === 'string' || typeof value === 'number') return [field, value];
  }
  return undefined;
}

/** Whether both lists can be matched element by element (every element identified, uniquely per list). */
export function isIdentifiedList(a: unknown[], b: unknown[]): boolean {
  if (a.length === 0 && b.length === 0) return false;
  return [a, b].every((list) => {
    const labels = list.map((e) => elementIdentity(e));
    return labels.every(Boolean) && new Set(labels.map((l) => elementLabel(l!))).size === labels.length;
  });
}

export function elementLabel([field, value]: [string, string | number]): string {
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
    if (isIdentifiedList(before, after)) {
      return pairElements(before, after).flatMap(({ identity, before: a, after: b }) => fieldChanges(a, b, `${path}${elementLabel(identity)}`));
    }
  }
  return [{ path, before, after }];
}

export interface ElementPair {
  readonly identity: [string, string | number];
  readonly before: unknown;
  readonly after: unknown;
}

/** Elements of two identified lists paired by identity, in the order of `after` then removed ones. */
export function pairElements(before: unknown[], after: unknown[]): ElementPair[] {
  const byLabel = (list: unknown[]) => new Map(list.map((e) => [elementLabel(elementIdentity(e)!), e]));
  const beforeByLabel = byLabel(before);
  const afterByLabel = byLabel(after);
  const labels = [...afterByLabel.keys(), ...[...beforeByLabel.keys()].filter((l) => !afterByLabel.has(l))];
  return labels.map((label) => {
    const before = beforeByLabel.get(label);
    const after = afterByLabel.get(label);
    return { identity: elementIdentity(after ?? before)!, before, after };
  });
}
