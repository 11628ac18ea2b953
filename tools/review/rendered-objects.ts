// Kubernetes objects parsed out of rendered files, identified by (environment, kind, namespace, name).
import { parseAllDocuments } from 'yaml';
import type { FileMap } from './file-map';
import { isRecord } from './version-pins';

export const ARGOCD_SKIP_MARKER = '# +argocd:skip-file-rendering';

export interface RenderedObject {
  readonly key: string;
  readonly env: string;
  /** Component folder under dist/<env>/. */
  readonly folder: string;
  readonly file: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** From a file Argo CD skips (rendered for review only). */
  readonly reviewOnly: boolean;
  readonly body: Record<string, unknown>;
}

export function objectKey(env: string, kind: string, namespace: string | undefined, name: string): string {
  return `${env}|${kind}|${namespace ?? ''}|${name}`;
}

/** Human-readable identity: `Kind namespace/name` (or `Kind name` when cluster-scoped). */
export function describeObject(o: Pick<RenderedObject, 'kind' | 'namespace' | 'name'>): string {
  return o.namespace ? `${o.kind} ${o.namespace}/${o.name}` : `${o.kind} ${o.name}`;
}

const isBootstrapCopy = (folder: string, file: string) => folder === 'apps' && file === 'bootstrap.yaml';

/** Parses the objects of the given files (paths '<env>/<folder>/<file>'). */
export function objectsOf(files: FileMap, paths: Iterable<string> = files.keys()): Map<string, RenderedObject> {
  const objects = new Map<string, RenderedObject>();
  for (const path of paths) {
    const text = files.get(path);
    if (text === undefined) continue;
    const [env, folder, ...rest] = path.split('/');
    if (!env || !folder || rest.length === 0) throw new Error(`${path}: expected a path <env>/<component>/<file>.yaml`);
    // <env>/<component>/values/<chart>-<version>.yaml: a chart's values, for review; not objects.
    if (rest.length === 2 && rest[0] === 'values') continue;
    const reviewOnly = text.startsWith(ARGOCD_SKIP_MARKER);
    for (const doc of parseAllDocuments(text, { version: '1.1' })) {
      if (doc.errors.length > 0) throw new Error(`${path}: not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
      const body: unknown = doc.toJS();
      if (body === null || body === undefined) continue;
      if (!isRecord(body) || typeof body.kind !== 'string' || !isRecord(body.metadata) || typeof body.metadata.name !== 'string') {
        throw new Error(`${path}: a document without kind and metadata.name`);
      }
      const namespace = typeof body.metadata.namespace === 'string' ? body.metadata.namespace : undefined;
      const key = objectKey(env, body.kind, namespace, body.metadata.name);
      const file = rest.join('/');
      const known = objects.get(key);
      if (known) {
        // apps/bootstrap.yaml repeats the AppProjects the argocd folder owns, for the first hand-applied
        // sync (decision 0040): the object is the owner's; the copy is not a second rendering.
        if (isBootstrapCopy(folder, file)) continue;
        if (!isBootstrapCopy(known.folder, known.file)) throw new Error(`${path}: ${describeObject({ kind: body.kind, namespace, name: body.metadata.name })} is rendered twice in ${env}`);
      }
      objects.set(key, { key, env, folder, file, kind: body.kind, namespace, name: body.metadata.name, reviewOnly, body });
    }
  }
  return objects;
}
