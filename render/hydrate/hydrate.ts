// Hydration: an upstream chart's `helm template` output, at its locked version with the values a
// component generates, becomes plain objects in the component's folder (docs/decisions/0032).
// Argo CD then applies exactly what was reviewed, policed and validated; it needs no chart repository.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadAll, YAML11_SCHEMA } from 'js-yaml';
import type { Environment } from '../../environments/types';
import type { HelmSource } from '../../charts/shared/component';
import { PLATFORM_API_VERSIONS } from './api-versions';
import { helmTemplateSync, templateOutputKey, writeAtomic, type HelmOptions, type HelmTemplateRequest, type HelmTemplateResult } from './helm';
import { cacheRoot } from './supply';

type Json = Record<string, any>;

export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/**
 * Kinds the API server serves cluster-scoped, among those charts render. Every other object gets
 * the component's namespace when the chart leaves it out (what `helm install` would do), so files,
 * policies and projects see where it lands.
 */
const CLUSTER_SCOPED_KINDS = new Set([
  'APIService', 'ClusterRole', 'ClusterRoleBinding', 'CSIDriver', 'CustomResourceDefinition', 'IngressClass',
  'MutatingWebhookConfiguration', 'Namespace', 'PersistentVolume', 'PriorityClass', 'RuntimeClass', 'StorageClass',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration',
]);

/** The `helm template` request of a component's chart in an environment. */
export function chartRequest(env: Environment, namespace: string, helm: HelmSource): HelmTemplateRequest {
  return {
    chart: helm.chart,
    version: helm.version,
    releaseName: helm.releaseName,
    namespace,
    values: helm.values,
    kubeVersion: env.cluster.kubernetesVersion,
    apiVersions: PLATFORM_API_VERSIONS,
  };
}

/**
 * The objects a component's chart renders, ready for the component's folder: parsed, namespaced,
 * adjusted by the component's `postRender`, with Argo CD sync options on CRDs and on custom
 * resources whose CRD syncs in the same Application.
 */
export function hydrateChart(env: Environment, namespace: string, helm: HelmSource, opts: HelmOptions = {}): Json[] {
  let objects = parsedObjects(chartRequest(env, namespace, helm), `${helm.chart} ${helm.version}`, opts).map((o) => withNamespace(o, namespace));
  if (helm.postRender) objects = helm.postRender(objects);
  const definedHere = new Set(
    objects.filter(isCrd).flatMap((crd) => (crd.spec?.versions ?? []).map((v: Json) => `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`)),
  );
  for (const o of objects) {
    // Large CRDs overflow client-side apply's last-applied annotation (262144 bytes).
    if (isCrd(o)) addSyncOption(o, 'ServerSideApply=true');
    else if (definedHere.has(`${o.apiVersion}/${o.kind}`)) addSyncOption(o, 'SkipDryRunOnMissingResource=true');
  }
  return objects;
}

/** Outputs parsed ahead of the render (parseAhead), by output key; each is taken once. */
const parsedAhead = new Map<string, Json[]>();

/**
 * Parses a chart output as soon as helm has produced it: render/cli.ts does so while the other
 * helm processes run, and the render then takes the objects from memory. `documents` is shared by
 * the outputs of one render, so a document that several outputs hold (the CRDs every environment
 * installs) is parsed once.
 */
export function parseAhead(rendered: HelmTemplateResult, what: string, documents: ParsedDocuments, opts: HelmOptions = {}): void {
  if (!parsedAhead.has(rendered.key)) parsedAhead.set(rendered.key, storeParsed(rendered, what, opts, documents));
}

/**
 * The parsed objects of a chart output: from parseAhead, else the stored JSON (JSON.parse is far
 * faster than parsing YAML; the stored form is a function of the output's cache key), else helm's
 * output (templated now when it is not stored either) parsed and stored.
 */
function parsedObjects(request: HelmTemplateRequest, what: string, opts: HelmOptions): Json[] {
  const key = templateOutputKey(request, opts);
  const ahead = parsedAhead.get(key);
  if (ahead) {
    parsedAhead.delete(key);
    return ahead;
  }
  const file = parsedFile(key, opts);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  return storeParsed(helmTemplateSync(request, opts), what, opts);
}

function parsedFile(key: string, opts: HelmOptions): string {
  return join(opts.outputDir ?? join(cacheRoot(), 'helm-output'), `parsed-v1-${key}.json`);
}

function storeParsed(rendered: HelmTemplateResult, what: string, opts: HelmOptions, documents?: ParsedDocuments): Json[] {
  const file = parsedFile(rendered.key, opts);
  const objects = parseManifest(rendered.manifest, what, documents);
  mkdirSync(dirname(file), { recursive: true });
  writeAtomic(file, JSON.stringify(objects));
  return objects;
}

/** Parsed YAML documents by their text, shared across the outputs of one render (parseAhead). */
export type ParsedDocuments = Map<string, unknown[]>;

/** An anchor (`&name`) where YAML allows one; `&&` in scripts and `&` inside URLs do not match. */
const ANCHOR = /(?:^|[\s[{,])&[^\s,[\]{}&]/m;

/**
 * helm's output separates documents with a bare `---` line; anything else (a marker with content,
 * `...`, a directive) is parsed as one stream. A bare `---` at the start of a line cannot be inside
 * a block scalar of a mapping document: its content is indented.
 */
const OTHER_DOCUMENT_SYNTAX = /^(?:---[ \t]*\S|\.\.\.|%)/m;
const BARE_SEPARATOR = /^---[ \t]*$/m;

/**
 * The documents of helm's output; empty documents (templates that rendered nothing) are dropped.
 * With `documents`, each document's parse is remembered by its text and a repeat gets a copy.
 */
export function parseManifest(manifest: string, what: string, documents?: ParsedDocuments): Json[] {
  const chunks = OTHER_DOCUMENT_SYNTAX.test(manifest) ? [manifest] : manifest.split(BARE_SEPARATOR);
  const objects: Json[] = [];
  for (const chunk of chunks) {
    const known = documents?.get(chunk);
    const values = known ? structuredClone(known) : parseDocuments(chunk, what);
    // The remembered parse stays as parsed: the caller adjusts the objects it gets.
    if (documents && !known) documents.set(chunk, structuredClone(values));
    for (const value of values as any[]) {
      if (value === null || value === undefined) continue;
      if (typeof value !== 'object' || Array.isArray(value) || typeof value.kind !== 'string' || typeof value.metadata?.name !== 'string') {
        throw new Error(`${what}: helm output holds a document that is not a Kubernetes object`);
      }
      if (value.kind.endsWith('List')) throw new Error(`${what}: helm output holds a ${value.kind}; lists are not supported`);
      objects.push(value);
    }
  }
  return objects;
}

function parseDocuments(text: string, what: string): unknown[] {
  let values: unknown[];
  try {
    // YAML 1.1, as Kubernetes reads it: `defaultMode: 0644` is octal, `yes` is a boolean. js-yaml's
    // loader is ~8x faster than yaml's and reads every chart output identically (docs/decisions/0045).
    values = loadAll(text, { schema: YAML11_SCHEMA, maxAliases: 100 });
  } catch (error) {
    throw new Error(`${what}: helm output does not parse: ${String((error as Error).message).split('\n')[0]}`);
  }
  // An alias is the same JS object as its anchor (structuredClone would keep that): a JSON copy
  // makes each its own, so adjusting one object never changes another.
  return ANCHOR.test(text) ? JSON.parse(JSON.stringify(values)) : values;
}

function withNamespace(o: Json, namespace: string): Json {
  if (CLUSTER_SCOPED_KINDS.has(o.kind)) {
    // Some charts namespace cluster-scoped objects; the API server ignores it, our rules refuse it.
    const { namespace: _ignored, ...metadata } = o.metadata;
    return { ...o, metadata };
  }
  if (o.metadata.namespace) return o;
  return { ...o, metadata: { ...o.metadata, namespace } };
}

function isCrd(o: Json): boolean {
  return o.kind === 'CustomResourceDefinition' && String(o.apiVersion).startsWith('apiextensions.k8s.io/');
}

function addSyncOption(o: Json, option: string): void {
  o.metadata.annotations ??= {};
  const existing = String(o.metadata.annotations[SYNC_OPTIONS_ANNOTATION] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!existing.includes(option)) existing.push(option);
  o.metadata.annotations[SYNC_OPTIONS_ANNOTATION] = existing.join(',');
}
