// Hydration of a chart's output into a component's folder: parsing as Kubernetes reads YAML,
// namespaces as `helm install` would set them, Argo CD sync options on CRDs and their resources.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hydrateChart, parseAhead, parseManifest, SYNC_OPTIONS_ANNOTATION } from '../../../render/hydrate/hydrate';
import { templateCacheKey, templateOutputKey, HELM_VERSION } from '../../../render/hydrate/helm';
import { chartRequest } from '../../../render/hydrate/hydrate';
import { loadChartLock, lockedChart } from '../../../render/hydrate/lock';
import { environment } from '../../fixtures/rendered';
import type { HelmSource } from '../../../charts/shared/component';

const outputDir = mkdtempSync(join(tmpdir(), 'gridata-hydrate-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

const MANIFEST = `---
# Source: demo/templates/crd.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.demo.example.com
spec:
  group: demo.example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions: [{ name: v1, served: true, storage: true }]
---
# Source: demo/templates/empty.yaml
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: demo
data:
  mode: 0644
  flag: yes
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: demo
  namespace: somewhere
rules: []
---
apiVersion: demo.example.com/v1
kind: Widget
metadata:
  name: one
  namespace: other
  annotations:
    argocd.argoproj.io/sync-options: Prune=false
`;

/** A fake locked chart whose helm output is already in the cache: hydrateChart never runs helm. */
function cachedSource(manifest: string, postRender?: HelmSource['postRender']): HelmSource {
  const lock = loadChartLock();
  const polaris = lockedChart(lock, 'polaris', lock.find((c) => c.name === 'polaris')!.version);
  const helm: HelmSource = { repoURL: polaris.repository, chart: 'polaris', version: polaris.version, releaseName: 'demo', values: { demo: manifest.length }, postRender };
  const key = templateCacheKey(chartRequest(environment('dev'), 'demo', helm), polaris.digest, HELM_VERSION);
  writeFileSync(join(outputDir, `polaris-${polaris.version}-${key}.yaml`), manifest);
  return helm;
}

describe('hydrating a chart', () => {
  const objects = hydrateChart(environment('dev'), 'demo', cachedSource(MANIFEST), { outputDir });
  const byKind = (kind: string) => objects.find((o) => o.kind === kind)!;

  it('keeps every object and drops empty documents', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'CustomResourceDefinition/widgets.demo.example.com', 'ConfigMap/demo', 'ClusterRole/demo', 'Widget/one',
    ]);
  });

  it('reads YAML 1.1 as Kubernetes does: 0644 is octal, yes is a boolean', () => {
    expect(byKind('ConfigMap').data).toEqual({ mode: 420, flag: true });
  });

  it("puts namespaced objects without one into the component's namespace and drops a namespace on a cluster-scoped kind", () => {
    expect(byKind('ConfigMap').metadata.namespace).toBe('demo');
    expect(byKind('Widget').metadata.namespace).toBe('other');
    expect(byKind('ClusterRole').metadata).toEqual({ name: 'demo' });
  });

  it('applies CRDs server-side and lets their resources skip the dry run while the CRD is missing', () => {
    expect(byKind('CustomResourceDefinition').metadata.annotations).toEqual({ [SYNC_OPTIONS_ANNOTATION]: 'ServerSideApply=true' });
    expect(byKind('Widget').metadata.annotations[SYNC_OPTIONS_ANNOTATION]).toBe('Prune=false,SkipDryRunOnMissingResource=true');
    expect(byKind('ConfigMap').metadata.annotations).toBeUndefined();
  });

  it("runs the component's postRender on the parsed objects", () => {
    const dropped = hydrateChart(environment('dev'), 'demo', cachedSource(MANIFEST, (os) => os.filter((o) => o.kind !== 'ConfigMap')), { outputDir });
    expect(dropped.map((o) => o.kind)).toEqual(['CustomResourceDefinition', 'ClusterRole', 'Widget']);
  });

  it('takes an output parsed ahead (while helm ran) from memory once, then the stored parse', () => {
    const helm = cachedSource(MANIFEST.replace('name: one', 'name: stored'));
    const key = templateOutputKey(chartRequest(environment('dev'), 'demo', helm), { outputDir });
    parseAhead({ manifest: MANIFEST.replace('name: one', 'name: ahead'), cached: false, key }, 'demo 1.0.0', new Map(), { outputDir });
    const names = () => hydrateChart(environment('dev'), 'demo', helm, { outputDir }).filter((o) => o.kind === 'Widget').map((o) => o.metadata.name);
    expect(names()).toEqual(['ahead']);
    // parseAhead stored its parse under the output's key too: the next render reads that, not helm's output.
    expect(names()).toEqual(['ahead']);
  });
});

describe('parsing helm output', () => {
  it('refuses a document that is not a Kubernetes object, and lists', () => {
    expect(() => parseManifest('just: data\n', 'demo 1.0.0')).toThrow('demo 1.0.0: helm output holds a document that is not a Kubernetes object');
    expect(() => parseManifest('apiVersion: v1\nkind: List\nmetadata: { name: x }\nitems: []\n', 'demo 1.0.0')).toThrow('demo 1.0.0: helm output holds a List; lists are not supported');
  });

  it('refuses output that does not parse, in one line', () => {
    expect(() => parseManifest('a: [\n', 'demo 1.0.0')).toThrow(/^demo 1\.0\.0: helm output does not parse: [^\n]+$/);
  });

  it('reads YAML 1.1 as Kubernetes does, and gives an alias its own copy', () => {
    const [config] = parseManifest('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\nspec:\n  a: &shared { mode: 0644, enabled: yes, disabled: off, none: ~ }\n  b: *shared\n', 'demo 1.0.0');
    expect(config!.spec).toEqual({ a: { mode: 420, enabled: true, disabled: false, none: null }, b: { mode: 420, enabled: true, disabled: false, none: null } });
    expect(config!.spec.a).not.toBe(config!.spec.b);
  });

  it('parses a document shared by several outputs once, and hands each output its own copy', () => {
    const documents = new Map<string, unknown[]>();
    const first = parseManifest(MANIFEST, 'demo 1.0.0', documents);
    const second = parseManifest(MANIFEST.replace('name: demo\ndata:', 'name: demo-2\ndata:'), 'demo 1.0.0', documents);
    expect(first.map((o) => o.metadata.name)).toEqual(['widgets.demo.example.com', 'demo', 'demo', 'one']);
    expect(second.map((o) => o.metadata.name)).toEqual(['widgets.demo.example.com', 'demo-2', 'demo', 'one']);
    // 5 documents (one empty) in the first output, one more (the changed ConfigMap) in the second.
    expect(documents.size).toBe(7);
    expect(second[0]).toEqual(first[0]);
    expect(second[0]).not.toBe(first[0]);
    first[0]!.metadata.labels = { changed: 'yes' };
    expect(parseManifest(MANIFEST, 'demo 1.0.0', documents)[0]!.metadata.labels).toBeUndefined();
  });

  it('parses a stream with document markers that carry content as one stream', () => {
    const objects = parseManifest('--- # first\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n...\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n', 'demo 1.0.0');
    expect(objects.map((o) => o.metadata.name)).toEqual(['a', 'b']);
  });
});
