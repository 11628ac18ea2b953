// Hydration: an upstream chart's `helm template` output, at its locked version with the values a
// component generates, becomes plain objects in the component's folder (docs/decisions/0032).
// Argo CD then applies exactly what was reviewed, policed and validated; it needs no chart repository.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadAll, YAML11_SCHEMA } from 'js-yaml';
import type { Environment } from '../../environments/types';
import type { HelmSource } from '../../charts/shared/component';
import { PLATFORM_API_VERSIONS } from './api-versions';
import { helmTemplateSync, type HelmOptions, type HelmTemplateRequest, type HelmTemplateResult } from './helm';
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
  const rendered = helmTemplateSync(chartRequest(env, namespace, helm), opts);
  let objects = parsedOutput(rendered, `${helm.chart} ${helm.version}`, opts).map((o) => withNamespace(o, namespace));
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

/**
 * helm's output parsed, stored as JSON beside the output (JSON.parse is ~50× faster than parsing
 * YAML, which dominated warm renders). The stored form is a function of the output's cache key.
 */
function parsedOutput(rendered: HelmTemplateResult, what: string, opts: HelmOptions): Json[] {
  const file = join(opts.outputDir ?? join(cacheRoot(), 'helm-output'), `parsed-v1-${rendered.key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const objects = parseManifest(rendered.manifest, what);
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(tmp, JSON.stringify(objects));
  renameSync(tmp, file);
  return objects;
}

/** An anchor (`&name`) where YAML allows one; `&&` in scripts and `&` inside URLs do not match. */
const ANCHOR = /(?:^|[\s[{,])&[^\s,[\]{}&]/m;

/** The documents of helm's output; empty documents (templates that rendered nothing) are dropped. */
export function parseManifest(manifest: string, what: string): Json[] {
  let documents: unknown[];
  try {
    // YAML 1.1, as Kubernetes reads it: `defaultMode: 0644` is octal, `yes` is a boolean. js-yaml's
    // loader is ~8x faster than yaml's and reads every chart output identically (docs/decisions/0045).
    documents = loadAll(manifest, { schema: YAML11_SCHEMA, maxAliases: 100 });
  } catch (error) {
    throw new Error(`${what}: helm output does not parse: ${String((error as Error).message).split('\n')[0]}`);
  }
  // An alias is the same JS object as its anchor: copies, so adjusting one object never changes another.
  if (ANCHOR.test(manifest)) documents = structuredClone(documents);
  const objects: Json[] = [];
  for (const value of documents as any[]) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value) || typeof value.kind !== 'string' || typeof value.metadata?.name !== 'string') {
      throw new Error(`${what}: helm output holds a document that is not a Kubernetes object`);
    }
    if (value.kind.endsWith('List')) throw new Error(`${what}: helm output holds a ${value.kind}; lists are not supported`);
    objects.push(value);
  }
  return objects;
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
