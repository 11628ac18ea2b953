import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { contentDigest, readTgz, sha256 } from '../../../render/hydrate/archive';
import { canonicalJson, oneLine, templateCacheKey, type HelmTemplateRequest } from '../../../render/hydrate/helm';
import { REPO_ROOT, lockedChart, loadChartLock } from '../../../render/hydrate/lock';
import { chartSource, fetchChart, supplyChart } from '../../../render/hydrate/supply';

// A small chart of the shared mirror, copied into temp mirrors; nothing here reaches the network.
const MIRROR = process.env.GRIDATA_CHART_MIRROR ?? join(REPO_ROOT, '../shared/chart-mirror');
const polaris = lockedChart(loadChartLock(), 'polaris', '1.7.0');
const original = readFileSync(join(MIRROR, 'polaris-1.7.0.tgz'));
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempMirror(archive: Buffer, indexDigest = sha256(archive)): string {
  const dir = mkdtempSync(join(tmpdir(), 'gridata-mirror-'));
  temps.push(dir);
  writeFileSync(join(dir, 'polaris-1.7.0.tgz'), archive);
  writeFileSync(join(dir, 'index.yaml'), `apiVersion: v1\nentries:\n  polaris:\n  - name: polaris\n    version: 1.7.0\n    digest: ${indexDigest}\n    urls:\n    - polaris-1.7.0.tgz\n`);
  return dir;
}

/** The archive with one byte of one file's content changed (the tar headers untouched). */
function tampered(archive: Buffer): Buffer {
  const tar = Buffer.from(gunzipSync(archive));
  const at = tar.indexOf('Licensed to the Apache Software Foundation');
  expect(at).toBeGreaterThan(512);
  tar[at] = 'l'.charCodeAt(0);
  return gzipSync(tar);
}

describe('chart supply', () => {
  it('the lock records the shared mirror archive and its content digest', () => {
    expect(polaris.archives['gridata-chart-mirror']).toBe(`sha256:${sha256(original)}`);
    expect(contentDigest(original)).toBe(polaris.digest);
  });

  it('the content digest ignores packaging (gzip level, entry order) but not content', () => {
    const tar = gunzipSync(original);
    expect(contentDigest(gzipSync(tar, { level: 1 }))).toBe(polaris.digest);
    expect(readTgz(original).length).toBeGreaterThan(5);
    expect(contentDigest(tampered(original))).not.toBe(polaris.digest);
  });

  it('accepts the locked archive from a directory mirror', async () => {
    expect(sha256(await fetchChart(polaris, tempMirror(original)))).toBe(sha256(original));
  });

  it('refuses a tampered archive whose index.yaml digest was updated to match', async () => {
    const bad = tampered(original);
    const dir = tempMirror(bad);
    await expect(fetchChart(polaris, dir)).rejects.toThrow(
      new RegExp(`^chart polaris 1\\.7\\.0 from ${dir}: content digest sha256:[0-9a-f]{64} differs from charts\\.lock\\.yaml ${polaris.digest} \\(archive sha256 ${sha256(bad)}\\); refused$`),
    );
  });

  it('refuses an archive that does not match its index.yaml digest', async () => {
    const dir = tempMirror(tampered(original), sha256(original));
    await expect(fetchChart(polaris, dir)).rejects.toThrow(/^chart polaris 1\.7\.0 from .*: archive polaris-1\.7\.0\.tgz has sha256 [0-9a-f]{64}, index\.yaml lists [0-9a-f]{64}$/);
  });

  it('refuses a version the mirror does not list', async () => {
    await expect(fetchChart({ ...polaris, version: '1.6.0' }, tempMirror(original))).rejects.toThrow(/: index\.yaml does not list this version$/);
  });

  it('extracts into the cache once, then serves it without the mirror', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'gridata-charts-'));
    temps.push(cacheDir);
    const mirror = tempMirror(original);
    const first = await supplyChart('polaris', '1.7.0', { mirror, cacheDir });
    expect(first.dir).toBe(join(cacheDir, 'polaris-1.7.0'));
    expect(readFileSync(join(first.dir, 'Chart.yaml'), 'utf8')).toMatch(/^name: polaris$/m);
    rmSync(mirror, { recursive: true });
    expect((await supplyChart('polaris', '1.7.0', { mirror, cacheDir })).dir).toBe(first.dir);
    // a stamp that does not match the lock is not trusted: the chart is fetched again (and the mirror is gone)
    writeFileSync(join(first.dir, '.gridata-content-digest'), 'sha256:0');
    await expect(supplyChart('polaris', '1.7.0', { mirror, cacheDir })).rejects.toThrow(/does not exist$/);
    expect(existsSync(join(first.dir, 'Chart.yaml'))).toBe(true);
  });
});

describe('helm template cache key', () => {
  const req: HelmTemplateRequest = {
    chart: 'polaris', version: '1.7.0', releaseName: 'polaris', namespace: 'catalog',
    values: { a: 1, b: { c: [1, 2] } }, kubeVersion: 'v1.34.4', apiVersions: ['x/v1', 'y/v1'],
  };
  const key = templateCacheKey(req, polaris.digest, 'v3.22.0');

  it('is stable under key order of values and order of api versions', () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [3, 1] })).toBe('{"a":[3,1],"b":{"c":2,"d":1}}');
    expect(templateCacheKey({ ...req, values: { b: { c: [1, 2] }, a: 1 }, apiVersions: ['y/v1', 'x/v1'] }, polaris.digest, 'v3.22.0')).toBe(key);
  });

  it('changes with every input', () => {
    const variants = [
      templateCacheKey(req, `sha256:${'b'.repeat(64)}`, 'v3.22.0'),
      templateCacheKey(req, polaris.digest, 'v3.17.3'),
      templateCacheKey({ ...req, values: { a: 2, b: { c: [1, 2] } } }, polaris.digest, 'v3.22.0'),
      templateCacheKey({ ...req, values: { a: 1, b: { c: [2, 1] } } }, polaris.digest, 'v3.22.0'),
      templateCacheKey({ ...req, kubeVersion: 'v1.33.0' }, polaris.digest, 'v3.22.0'),
      templateCacheKey({ ...req, apiVersions: ['x/v1'] }, polaris.digest, 'v3.22.0'),
      templateCacheKey({ ...req, releaseName: 'other' }, polaris.digest, 'v3.22.0'),
      templateCacheKey({ ...req, namespace: 'other' }, polaris.digest, 'v3.22.0'),
    ];
    expect(new Set([key, ...variants]).size).toBe(variants.length + 1);
  });

  it("keeps helm's error on one line, with its innermost cause", () => {
    expect(oneLine('\nError: template: x: function "secret" not defined\nmore\n')).toBe('template: x: function "secret" not defined');
    const long = oneLine(`Error: ${'a'.repeat(1000)}: template: gotpl:6: function "secret" not defined`);
    expect(long.length).toBeLessThan(400);
    expect(long).toMatch(/function "secret" not defined$/);
  });
});

describe('chart source', () => {
  it('is GRIDATA_CHART_MIRROR, else the organisation mirror beside the repository, else upstream', () => {
    const chart = loadChartLock()[0]!;
    const saved = process.env.GRIDATA_CHART_MIRROR;
    try {
      process.env.GRIDATA_CHART_MIRROR = '/somewhere/mirror';
      expect(chartSource(chart)).toBe('/somewhere/mirror');
      delete process.env.GRIDATA_CHART_MIRROR;
      const beside = join(REPO_ROOT, '../shared/chart-mirror');
      expect(chartSource(chart)).toBe(existsSync(join(beside, 'index.yaml')) ? beside : chart.repository);
      expect(chartSource(chart, { mirror: 'https://charts.example.com' })).toBe('https://charts.example.com');
    } finally {
      if (saved === undefined) delete process.env.GRIDATA_CHART_MIRROR;
      else process.env.GRIDATA_CHART_MIRROR = saved;
    }
  });
});
