// Reads rendered YAML into documents that keep their exact source text: the API server must see
// what Argo CD would send, including duplicate or unknown fields that a parse-and-reserialize drops.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const SKIP_RENDERING_MARKER = '# +argocd:skip-file-rendering';

export interface SourceDocument {
  /** Path of the file, relative to the repository root when read from dist/. */
  readonly file: string;
  /** 0-based position of the document within its file. */
  readonly index: number;
  /** The document's text exactly as rendered. */
  readonly text: string;
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  /** Parsed content (duplicate keys keep the last value); only for ordering and CRD handling. */
  readonly object?: Record<string, any>;
  /** Set when the file carries Argo CD's skip marker (rendered for review, submitted at run time). */
  readonly reviewOnly: boolean;
  /** A YAML syntax error, when the document cannot be read at all. */
  readonly syntaxError?: string;
}

export function splitDocuments(file: string, source: string): SourceDocument[] {
  const reviewOnly = source.split('\n').slice(0, 5).some((line) => line.trim() === SKIP_RENDERING_MARKER);
  const documents: SourceDocument[] = [];
  // uniqueKeys:false so a duplicate key still reaches the server, which names it in its refusal.
  for (const parsed of parseAllDocuments(source, { uniqueKeys: false })) {
    const [start, , end] = parsed.range;
    const text = source.slice(start, end);
    const index = documents.length;
    if (parsed.errors.length > 0) {
      documents.push({ file, index, text, reviewOnly, syntaxError: parsed.errors.map((e) => e.message).join('; ') });
      continue;
    }
    const object = parsed.toJS() as Record<string, any> | null | undefined;
    if (object === null || object === undefined) continue; // empty document between separators
    if (typeof object !== 'object' || Array.isArray(object)) {
      documents.push({ file, index, text, reviewOnly, syntaxError: 'document is not a mapping' });
      continue;
    }
    const metadata = (object.metadata ?? {}) as Record<string, any>;
    documents.push({
      file, index, text, reviewOnly, object,
      apiVersion: typeof object.apiVersion === 'string' ? object.apiVersion : undefined,
      kind: typeof object.kind === 'string' ? object.kind : undefined,
      name: typeof metadata.name === 'string' ? metadata.name : undefined,
      generateName: typeof metadata.generateName === 'string' ? metadata.generateName : undefined,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    });
  }
  return documents;
}

function yamlFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    // values/: the values a chart was rendered with, for review; not objects, never applied.
    if (statSync(path).isDirectory()) {
      if (entry !== 'values') files.push(...yamlFilesUnder(path));
    }
    else if (entry.endsWith('.yaml') || entry.endsWith('.yml')) files.push(path);
  }
  return files;
}

/** Every document rendered for one environment (<root>/dist/<env>/), in a stable order. */
export function readRenderedEnvironment(root: string, env: string): SourceDocument[] {
  const dir = join(root, 'dist', env);
  return yamlFilesUnder(dir).flatMap((path) => splitDocuments(relative(root, path), readFileSync(path, 'utf8')));
}

/** Environments that have a rendered folder under <root>/dist/. */
export function renderedEnvironments(root: string): string[] {
  const dist = join(root, 'dist');
  return readdirSync(dist).filter((entry) => statSync(join(dist, entry)).isDirectory()).sort();
}

export function describe(doc: SourceDocument): string {
  const scope = doc.namespace ? `${doc.namespace}/` : '';
  return `${doc.kind ?? '?'} ${scope}${doc.name ?? doc.generateName ?? '?'} (${doc.file}#${doc.index})`;
}
