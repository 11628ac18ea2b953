// File naming in dist/<env>/<component>/: one object per file, named <kind>.<namespace>.<name>.yaml
// (cluster-scoped: <kind>.<name>.yaml), unless a chart groups objects into a named file.
import type { ApiObject } from 'cdk8s';

const overrides = new WeakMap<ApiObject, string>();

/** Puts `obj` into `fileName` (several objects may share one file, e.g. the bootstrap manifest). */
export function setOutputFile(obj: ApiObject, fileName: string): void {
  if (!/^[a-z0-9][a-z0-9.-]*\.yaml$/.test(fileName)) throw new Error(`bad output file name: ${fileName}`);
  overrides.set(obj, fileName);
}

export function outputFileOf(obj: ApiObject, json: { kind: string; metadata: { name: string; namespace?: string } }): string {
  const override = overrides.get(obj);
  if (override) return override;
  const kind = json.kind.toLowerCase();
  const ns = json.metadata.namespace;
  // RBAC names may hold ':' (cert-manager's `cert-manager-webhook:subjectaccessreviews`), which file
  // systems and URLs treat specially: written as '-' in the file name only.
  const name = json.metadata.name.replaceAll(':', '-');
  return ns ? `${kind}.${ns}.${name}.yaml` : `${kind}.${name}.yaml`;
}
