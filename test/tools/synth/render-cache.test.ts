// The whole-render cache of `npm run synth` (tools/synth/render-cache.mjs): a stored render is reused
// only when the bundle, every file/listing/existence answer the renderer recorded and the stored
// output files are all unchanged; anything else is a miss that names what changed.
import fs, { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkRender, lookupRender, recordReads, storeRender } from '../../../tools/synth/render-cache.mjs';

let root: string;
let cacheDir: string;
let outDir: string;

/** A stand-in renderer: reads an environment file and a listing, checks a file that is absent, writes output. */
function render(): Map<string, 'file' | 'dir' | 'exists'> {
  const stop = recordReads(root, [join(root, 'dist'), join(root, 'node_modules')]);
  try {
    const env = fs.readFileSync(join(root, 'environments/dev.yaml'), 'utf8');
    const dags = fs.readdirSync(join(root, 'dags'));
    fs.existsSync(join(root, 'charts/extra.ts'));
    fs.readFileSync(join(root, 'node_modules/pkg/index.js'), 'utf8');
    fs.existsSync(join(root, 'dist/dev'));
    fs.existsSync(join(tmpdir(), 'outside-the-checkout'));
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(join(outDir, 'dev'), { recursive: true });
    writeFileSync(join(outDir, 'dev/configmap.yaml'), `${env}dags: ${dags.join(',')}\n`);
  } finally {
    return stop();
  }
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'render-cache-'));
  cacheDir = join(root, '.cache/render');
  outDir = join(root, 'dist');
  mkdirSync(join(root, 'environments'));
  mkdirSync(join(root, 'dags'));
  mkdirSync(join(root, 'node_modules/pkg'), { recursive: true });
  writeFileSync(join(root, 'environments/dev.yaml'), 'replicas: 1\n');
  writeFileSync(join(root, 'dags/orders.py'), '# dag\n');
  writeFileSync(join(root, 'node_modules/pkg/index.js'), '\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('whole-render cache', () => {
  it('records the files, listings and existence checks under the checkout, nothing under excluded folders or outside', () => {
    const reads = render();
    expect(Object.fromEntries([...reads].map(([p, k]) => [p.slice(root.length + 1), k]))).toEqual({
      'environments/dev.yaml': 'file',
      dags: 'dir',
      'charts/extra.ts': 'exists',
    });
  });

  it('reuses a stored render when nothing changed, and links exactly its files into a new output folder', () => {
    const stored = storeRender(cacheDir, { bundle: 'b1', root, reads: render(), outDir, environments: 'dev' });
    expect(stored).toEqual({ inputs: 3, files: 1 });
    const hit = lookupRender(cacheDir, { bundle: 'b1', root });
    expect(hit.miss).toBeUndefined();
    expect(hit).toMatchObject({ files: ['dev/configmap.yaml'], environments: 'dev' });
    const elsewhere = join(root, 'elsewhere');
    linkRender(hit as { tree: string; files: string[] }, elsewhere);
    expect(readFileSync(join(elsewhere, 'dev/configmap.yaml'), 'utf8')).toBe('replicas: 1\ndags: orders.py\n');
  });

  it('misses when the renderer bundle differs', () => {
    storeRender(cacheDir, { bundle: 'b1', root, reads: render(), outDir, environments: 'dev' });
    expect(lookupRender(cacheDir, { bundle: 'b2', root }).miss).toBe('renderer sources changed');
  });

  it('misses when a file the renderer read changed, even with the same size', () => {
    storeRender(cacheDir, { bundle: 'b1', root, reads: render(), outDir, environments: 'dev' });
    writeFileSync(join(root, 'environments/dev.yaml'), 'replicas: 2\n');
    expect(lookupRender(cacheDir, { bundle: 'b1', root }).miss).toBe('environments/dev.yaml changed');
  });

  it('misses when a folder it listed gained a file, or a file it found absent appeared', () => {
    storeRender(cacheDir, { bundle: 'b1', root, reads: render(), outDir, environments: 'dev' });
    writeFileSync(join(root, 'dags/customers.py'), '# dag\n');
    expect(lookupRender(cacheDir, { bundle: 'b1', root }).miss).toBe('dags changed');
    rmSync(join(root, 'dags/customers.py'));
    mkdirSync(join(root, 'charts'));
    writeFileSync(join(root, 'charts/extra.ts'), '\n');
    expect(lookupRender(cacheDir, { bundle: 'b1', root }).miss).toBe('charts/extra.ts changed');
  });

  it('misses when an output file linked from the cache was edited in place', () => {
    storeRender(cacheDir, { bundle: 'b1', root, reads: render(), outDir, environments: 'dev' });
    const file = join(outDir, 'dev/configmap.yaml');
    writeFileSync(file, 'hand edit\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(lookupRender(cacheDir, { bundle: 'b1', root }).miss).toBe('stored dev/configmap.yaml was modified');
  });

  it('misses with no stored render', () => {
    expect(lookupRender(cacheDir, { bundle: 'b1', root }).miss).toBe('no stored render');
  });
});
