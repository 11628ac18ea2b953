// What a changed CustomResourceDefinition changes for every custom resource of its kind: versions
// added, removed or no longer served, the storage version, each version's schema (properties added
// or removed, other validation), and the identity fields (group, names, scope, conversion).
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from './version-pins';

interface CrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly schema: unknown;
}

function versionsOf(body: Record<string, unknown>): Map<string, CrdVersion> {
  const spec = isRecord(body.spec) ? body.spec : {};
  const list = Array.isArray(spec.versions) ? spec.versions : [];
  const out = new Map<string, CrdVersion>();
  for (const v of list) {
    if (!isRecord(v) || typeof v.name !== 'string') continue;
    const schema = isRecord(v.schema) ? v.schema.openAPIV3Schema : undefined;
    out.set(v.name, { name: v.name, served: v.served !== false, storage: v.storage === true, schema });
  }
  return out;
}

/** Every property path of an OpenAPI schema: `spec.replicas`, list items as `[]`, map values as `{}`. */
export function schemaProperties(schema: unknown, prefix = ''): string[] {
  if (!isRecord(schema)) return [];
  const out: string[] = [];
  if (isRecord(schema.properties)) {
    for (const [key, child] of Object.entries(schema.properties)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.push(path, ...schemaProperties(child, path));
    }
  }
  if (isRecord(schema.items)) out.push(...schemaProperties(schema.items, `${prefix}[]`));
  if (isRecord(schema.additionalProperties)) out.push(...schemaProperties(schema.additionalProperties, `${prefix}{}`));
  return out;
}

const listed = (paths: readonly string[], max = 5) => paths.slice(0, max).map((p) => `\`${p}\``).join(', ') + (paths.length > max ? `, … (${paths.length} in all)` : '');

/** What changed between two versions of one CRD, as phrases for a risk flag; empty when neither versions, schema nor identity changed. */
export function crdChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const phrases: string[] = [];
  const a = isRecord(before.spec) ? before.spec : {};
  const b = isRecord(after.spec) ? after.spec : {};
  for (const field of ['group', 'scope'] as const) {
    if (a[field] !== b[field]) phrases.push(`${field} ${String(a[field])} → ${String(b[field])} (immutable: the CRD and every resource of it must be recreated)`);
  }
  if (!isDeepStrictEqual(a.names, b.names)) phrases.push('names changed (kind, plural or short names): clients and RBAC rules using the old names break');
  if (!isDeepStrictEqual(a.conversion, b.conversion)) phrases.push('conversion between versions changed');

  const va = versionsOf(before);
  const vb = versionsOf(after);
  for (const [name, old] of va) {
    const now = vb.get(name);
    if (!now) {
      phrases.push(`version ${name} removed${old.storage ? ' (it was the storage version)' : ''}: objects still stored at it cannot be read and clients using it break`);
      continue;
    }
    if (old.served && !now.served) phrases.push(`version ${name} no longer served: clients using it break`);
    if (!old.served && now.served) phrases.push(`version ${name} now served`);
    const oldProperties = new Set(schemaProperties(old.schema));
    const newProperties = new Set(schemaProperties(now.schema));
    const removed = [...oldProperties].filter((p) => !newProperties.has(p));
    const added = [...newProperties].filter((p) => !oldProperties.has(p));
    if (removed.length > 0) phrases.push(`schema of ${name} drops ${listed(removed)}: the API server prunes them from objects on their next write`);
    if (added.length > 0) phrases.push(`schema of ${name} adds ${listed(added)}`);
    if (removed.length === 0 && added.length === 0 && !isDeepStrictEqual(old.schema, now.schema)) {
      phrases.push(`schema of ${name} changes validation (types, required fields, enums or defaults): existing objects may no longer validate on update`);
    }
  }
  for (const name of vb.keys()) if (!va.has(name)) phrases.push(`version ${name} added`);
  const storage = (vs: Map<string, CrdVersion>) => [...vs.values()].find((v) => v.storage)?.name;
  if (storage(va) !== storage(vb)) {
    phrases.push(`storage version ${storage(va) ?? '(none)'} → ${storage(vb) ?? '(none)'}: existing objects stay stored at the old version until rewritten (keep it served until a storage migration)`);
  }
  return phrases;
}
