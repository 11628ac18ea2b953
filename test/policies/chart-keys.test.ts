// The value keys a chart knows (policies/chart-keys.ts), on a small chart written here: values.yaml,
// a schema with $ref/allOf/additionalProperties/patternProperties, a deprecated key, a dependency
// under its alias, one vendored as a .tgz, and `global` keys from every chart.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readChartKeys, suppliedChartKeys, type KeyNode } from '../../policies/chart-keys';
import { pathMatches, unknownKeys, VALUES_KEYS_PARAMS } from '../../policies/rules/chart-values/values-keys';
import type { ChartValues } from '../../policies/types';
import { parseDocuments } from '../../policies/load-rendered';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** A gzip'd ustar archive of `files` (what `helm package` writes for a vendored dependency). */
function tgz(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [path, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const header = Buffer.alloc(512);
    header.write(path, 0);
    header.write('0000644\0', 100);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('0', 156);
    header.write('ustar\0', 257);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

function chart(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridata-chart-keys-'));
  temps.push(dir);
  writeTree(dir, {
    'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: cache\n    alias: sessions\n    version: 2.0.0\n  - name: queue\n    version: 3.0.0\n',
    'values.yaml': 'replicas: 1\nserver:\n  port: 8080\n  podAnnotations: {}\n  extraArgs: []\n  home: ~\n  resources: {}\n  securityContext:\n    pod: {}\n    container: {}\nglobal:\n  domain: example.org\nsessions:\n  enabled: true\n',
    'values.schema.json': JSON.stringify({
      type: 'object',
      definitions: { probe: { type: 'object', properties: { path: { type: 'string' } }, additionalProperties: false } },
      properties: {
        server: { type: 'object', properties: { probe: { $ref: '#/definitions/probe' }, legacyPort: { type: 'integer', description: 'Port (deprecated, use `server.port` instead).' } } },
        config: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'string' } } },
        env: { type: 'object', patternProperties: { '^[A-Z_]+$': { type: 'string' } }, additionalProperties: false },
        tuning: { allOf: [{ properties: { threads: { type: 'integer' } } }, { properties: { queue: { type: 'integer' } } }] },
      },
    }),
    'charts/cache/Chart.yaml': 'apiVersion: v2\nname: cache\nversion: 2.0.0\n',
    'charts/cache/values.yaml': 'maxMemory: 64Mi\nglobal:\n  imageRegistry: ""\n',
  });
  writeFileSync(
    join(dir, 'charts/queue-3.0.0.tgz'),
    tgz({ 'queue/Chart.yaml': 'apiVersion: v2\nname: queue\nversion: 3.0.0\n', 'queue/values.yaml': 'partitions: 3\nglobal:\n  storageClass: ""\n' }),
  );
  return dir;
}

const at = (node: KeyNode, path: string): KeyNode | undefined => path.split('.').reduce<KeyNode | undefined>((n, k) => n?.child(k), node);

describe('readChartKeys', () => {
  const keys = readChartKeys(chart());

  it('lists the keys of a position from every source', () => {
    expect(keys.keys().sort()).toEqual(['config', 'env', 'global', 'queue', 'replicas', 'server', 'sessions', 'tuning']);
    expect(at(keys, 'server')!.keys().sort()).toEqual(['extraArgs', 'home', 'legacyPort', 'podAnnotations', 'port', 'probe', 'resources', 'securityContext']);
  });

  it('knows the keys of values.yaml and of the schema, with $ref and allOf resolved', () => {
    for (const known of ['replicas', 'server.port', 'server.podAnnotations', 'server.probe.path', 'tuning.threads', 'tuning.queue']) {
      expect(at(keys, known), known).toBeDefined();
    }
    expect(at(keys, 'server.probe.timeout')).toBeUndefined();
    expect(at(keys, 'server.portt')).toBeUndefined();
    expect(at(keys, 'replicaCount')).toBeUndefined();
  });

  it('keys of a dependency lie under its alias (a directory) or its name (a .tgz)', () => {
    expect(at(keys, 'sessions.maxMemory')).toBeDefined();
    expect(at(keys, 'sessions.enabled')).toBeDefined();
    expect(at(keys, 'cache.maxMemory')).toBeUndefined();
    expect(at(keys, 'queue.partitions')).toBeDefined();
  });

  it('`global` holds the global keys of the chart and of every dependency', () => {
    expect(['global.domain', 'global.imageRegistry', 'global.storageClass'].map((p) => at(keys, p) !== undefined)).toEqual([true, true, true]);
    expect(at(keys, 'global.region')).toBeUndefined();
  });

  it('additionalProperties opens a map, patternProperties admit matching keys; an empty map in values.yaml is not open', () => {
    expect(at(keys, 'config')!.open).toBe(true);
    expect(at(keys, 'config.core')!.open).toBe(true);
    expect(at(keys, 'env.JAVA_OPTS')).toBeDefined();
    expect(at(keys, 'env.javaOpts')).toBeUndefined();
    expect(at(keys, 'env')!.open).toBe(false);
    expect(at(keys, 'server.podAnnotations')!.open).toBe(false);
    expect(at(keys, 'server.podAnnotations')!.mapping).toBe(true);
    expect(at(keys, 'server.home')!.mapping).toBe(false);
  });

  it('reports the schema description of a deprecated key', () => {
    expect(at(keys, 'server.legacyPort')!.deprecated).toBe('Port (deprecated, use `server.port` instead).');
    expect(at(keys, 'server.port')!.deprecated).toBeUndefined();
  });

  it('refuses a directory that is not a chart, and a dependency that is not vendored', () => {
    const empty = mkdtempSync(join(tmpdir(), 'gridata-chart-keys-'));
    temps.push(empty);
    expect(() => readChartKeys(empty)).toThrow(`${empty} is not a chart directory (no Chart.yaml)`);
    writeTree(empty, { 'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n' });
    expect(() => readChartKeys(empty)).toThrow(`${empty}: dependency redis is not vendored under charts/`);
  });
});

describe('CV-KEYS-001 over the small chart', () => {
  const keys = readChartKeys(chart());
  const chartValues = (values: Record<string, unknown>): ChartValues => {
    const [application] = parseDocuments('prod', 'apps', 'app.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: { name: prod-shop, namespace: argocd }\n');
    return { env: 'prod', application: application!, chart: 'shop', version: '1.0.0', values };
  };
  const params = { keysOf: () => keys, passThrough: [{ chart: 'shop', path: 'server.podAnnotations', reason: 'annotations' }], templateKeys: [{ chart: 'shop', path: 'server.tls', reason: 'read by templates/server.yaml' }] };
  const messages = (values: Record<string, unknown>, p = params) => unknownKeys(chartValues(values), p).map((f) => f.message);

  it('reports each unknown key once, at the first unknown segment, and deprecated keys', () => {
    expect(
      messages({
        replicas: 2,
        replicaCount: 2,
        server: { port: 80, portt: 81, legacyPort: 82, probe: { path: '/healthz', timeout: 3 }, extraArgs: ['--x'], tls: { cert: 'a' } },
        sessions: { maxMemory: '1Gi', maxmemory: '1Gi' },
        config: { core: { anything: 'x' } },
        env: { JAVA_OPTS: '-Xmx1g', javaOpts: 'x' },
        global: { domain: 'shop.example', storageClass: 'fast' },
        missing: { deep: { key: 1 } },
      }),
    ).toEqual([
      "replicaCount is not a key of the chart's values.yaml or values.schema.json",
      "server.portt is not a key of the chart's values.yaml or values.schema.json",
      'server.legacyPort is deprecated by the chart: "Port (deprecated, use `server.port` instead)."',
      "server.probe.timeout is not a key of the chart's values.yaml or values.schema.json",
      "sessions.maxmemory is not a key of the chart's values.yaml or values.schema.json",
      "env.javaOpts is not a key of the chart's values.yaml or values.schema.json",
      "missing is not a key of the chart's values.yaml or values.schema.json",
    ]);
  });

  it('does not look below a declared pass-through map, but below an undeclared empty map it does', () => {
    expect(messages({ server: { podAnnotations: { 'vault.hashicorp.com/role': 'shop' } } })).toEqual([]);
    expect(messages({ server: { podAnnotations: { 'vault.hashicorp.com/role': 'shop' } } }, { ...params, passThrough: [] })).toEqual([
      "server.podAnnotations.vault.hashicorp.com/role is not a key of the chart's values.yaml or values.schema.json",
    ]);
  });

  it('below a map of a Kubernetes type: its fields pass, other keys must be the chart\'s own', () => {
    const typed = {
      ...params,
      passThrough: [
        { chart: '*', path: '**.resources', reason: 'ResourceRequirements', type: { name: 'ResourceRequirements', fields: ['claims', 'limits', 'requests'] } },
        { chart: '*', path: '**.securityContext', reason: 'SecurityContext', type: { name: 'SecurityContext', fields: ['runAsNonRoot', 'capabilities'] } },
        { chart: 'shop', path: '**.securityContext.pod', reason: 'PodSecurityContext', type: { name: 'PodSecurityContext', fields: ['runAsNonRoot', 'fsGroup'] } },
      ],
    };
    expect(
      messages(
        {
          server: {
            resources: { requests: { cpu: '1' }, limit: { cpu: '2' } },
            securityContext: { runAsNonRoot: true, pod: { fsGroup: 1000, fsgroup: 1000 }, container: { runAsNonRoot: true } },
          },
        },
        typed,
      ),
    ).toEqual([
      "server.resources.limit is not a key of the chart's values.yaml or values.schema.json nor a field of ResourceRequirements",
      // The chart structures server.securityContext as {pod, container}: a SecurityContext field right under it is dead.
      "server.securityContext.runAsNonRoot is not a key of the chart's values.yaml or values.schema.json",
      "server.securityContext.pod.fsgroup is not a key of the chart's values.yaml or values.schema.json nor a field of PodSecurityContext",
      "server.securityContext.container.runAsNonRoot is not a key of the chart's values.yaml or values.schema.json",
    ]);
  });

  it("a chart's own pass-through declaration wins over a generic one for the same map, whatever their order", () => {
    const generic = { chart: '*', path: '**.securityContext', reason: 'SecurityContext', type: { name: 'SecurityContext', fields: ['runAsNonRoot', 'capabilities'] } };
    const own = { chart: 'shop', path: 'server.securityContext', reason: 'copied whole by the chart' };
    const values = { server: { securityContext: { pod: { seccompProfile: { type: 'RuntimeDefault' } } } } };
    expect(messages(values, { ...params, passThrough: [generic] })).toEqual([
      "server.securityContext.pod.seccompProfile is not a key of the chart's values.yaml or values.schema.json",
    ]);
    expect(messages(values, { ...params, passThrough: [generic, own] })).toEqual([]);
  });

  it('a pass-through declaration does not make a missing map known', () => {
    const declared = { ...params, passThrough: [{ chart: '*', path: '**.podSecurityContext', reason: 'Kubernetes type' }] };
    expect(messages({ server: { podSecurityContext: { runAsNonRoot: true } } }, declared)).toEqual([
      "server.podSecurityContext is not a key of the chart's values.yaml or values.schema.json",
    ]);
  });
});

describe('pathMatches', () => {
  const m = (pattern: string, path: string) => pathMatches(pattern.split('.'), path.split('.'));
  it('matches exact keys, * inside a key and ** for any number of keys', () => {
    expect(m('configs.cm', 'configs.cm')).toBe(true);
    expect(m('configs.cm', 'configs.params')).toBe(false);
    expect(m('**.resources', 'resources')).toBe(true);
    expect(m('**.resources', 'a.b.resources')).toBe(true);
    expect(m('**.resources', 'a.resources.limits')).toBe(false);
    expect(m('**.*Annotations', 'controller.podAnnotations')).toBe(true);
    expect(m('**.*Annotations', 'controller.annotations')).toBe(false);
    expect(m('a.*.c', 'a.b.c')).toBe(true);
    expect(m('a.*.c', 'a.c')).toBe(false);
  });
});

// The rule's declarations against the locked charts as supplied (npm run synth supplies them).
describe('CV-KEYS-001 declarations hold for the locked charts', () => {
  const chartDir = (name: string, version: string) => join(process.env.GRIDATA_CACHE ?? join(__dirname, '../../.cache'), 'charts', `${name}-${version}`);
  const lock = readFileSync(join(__dirname, '../../charts.lock.yaml'), 'utf8');
  const versionOf = (name: string) => new RegExp(`- name: ${name}\\n\\s+version: (\\S+)`).exec(lock)![1]!;

  it('every chart-specific pass-through map is a key of its chart', () => {
    for (const p of VALUES_KEYS_PARAMS.passThrough.filter((d) => d.chart !== '*')) {
      expect(at(suppliedChartKeys(p.chart, versionOf(p.chart)), p.path), `${p.chart} ${p.path}`).toBeDefined();
    }
  });

  it('every template key is not in values.yaml or the schema, and a template of the chart reads it', () => {
    const templates = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? templates(join(dir, f)) : /\.(ya?ml|tpl|txt)$/.test(f) ? [join(dir, f)] : []));
    for (const k of VALUES_KEYS_PARAMS.templateKeys) {
      const version = versionOf(k.chart);
      expect(at(suppliedChartKeys(k.chart, version), k.path), `${k.chart} ${k.path} is known: remove the declaration`).toBeUndefined();
      // `a.b.c` is read as .Values.b.c by subchart a, or as .Values.a.b.c by the chart (global.* by any chart).
      const segments = k.path.split('.');
      const readers = segments.map((_, i) => ({ dir: join(chartDir(k.chart, version), ...segments.slice(0, i).flatMap((s) => ['charts', s])), key: segments.slice(i).join('.') }));
      const reads = readers.some(({ dir, key }) => {
        try {
          return templates(dir).some((f) => readFileSync(f, 'utf8').includes(`.Values.${key}`));
        } catch {
          return false;
        }
      });
      expect(reads, `${k.chart} ${k.path}: no template reads it`).toBe(true);
    }
  });
});
