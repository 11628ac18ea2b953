// The whole-render cache of `npm run synth` (docs/decisions/0044): a render whose inputs did not
// change links the previous output instead of running the renderer.
//
// Inputs are found, not listed: while a render runs, every file, directory listing and existence
// check the renderer makes under the checkout (outside dist/, .cache/ and node_modules/) is recorded;
// the renderer's own code is the bundle (its name is a key over every TypeScript source and
// package-lock.json). A later run is a hit only when the bundle is the same, every recorded file has
// the same content, every listing the same names, every existence answer the same, and the stored
// output files are untouched (size and mtime). Chart outputs need no entry: they are a function of
// the chart lock and the values, which are inputs above. `npm run check:dist` (the CI gate) never
// uses this cache: it renders in-process.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const MANIFEST_VERSION = 1;

/** Records what the renderer reads under `root`, skipping `excluded` prefixes. Returns stop(). */
export function recordReads(root, excluded) {
  const reads = new Map(); // absolute path -> 'file' | 'dir' | 'exists'
  const skip = [...excluded].map((p) => resolve(p));
  const note = (path, kind) => {
    if (typeof path !== 'string' && !(path instanceof URL)) return;
    const abs = resolve(String(path instanceof URL ? path.pathname : path));
    if (abs !== root && !abs.startsWith(root + sep)) return;
    if (skip.some((p) => abs === p || abs.startsWith(p + sep) || abs.startsWith(`${p}.`))) return;
    const prior = reads.get(abs);
    // A read or listing says more than an existence check of the same path.
    if (!prior || prior === 'exists') reads.set(abs, kind);
  };
  const originals = {};
  const wrap = (name, kind) => {
    originals[name] = fs[name];
    fs[name] = function (path, ...rest) {
      note(path, kind);
      return originals[name].call(this, path, ...rest);
    };
  };
  wrap('readFileSync', 'file');
  wrap('readdirSync', 'dir');
  wrap('existsSync', 'exists');
  wrap('statSync', 'exists');
  wrap('lstatSync', 'exists');
  return () => {
    for (const [name, fn] of Object.entries(originals)) fs[name] = fn;
    return reads;
  };
}

function digest(kind, abs) {
  try {
    if (kind === 'file') return createHash('sha256').update(fs.readFileSync(abs)).digest('hex');
    if (kind === 'dir') return createHash('sha256').update(fs.readdirSync(abs).sort().join('\0')).digest('hex');
    const s = fs.statSync(abs, { throwIfNoEntry: false });
    return s ? (s.isDirectory() ? 'dir' : 'file') : 'missing';
  } catch {
    return 'unreadable';
  }
}

function listFiles(dir, base = dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, base, out);
    else out.push(relative(base, path));
  }
  return out;
}

/** Stores the output tree `outDir` (hard links) and what it was rendered from. */
export function storeRender(cacheDir, { bundle, root, reads, outDir, environments }) {
  const staging = `${cacheDir}.storing-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  const files = [];
  for (const rel of listFiles(outDir).sort()) {
    const target = join(staging, 'tree', rel);
    fs.mkdirSync(dirname(target), { recursive: true });
    fs.linkSync(join(outDir, rel), target);
    const s = fs.statSync(target);
    files.push([rel, s.size, s.mtimeMs]);
  }
  const inputs = [...reads].sort(([a], [b]) => (a < b ? -1 : 1)).map(([abs, kind]) => [relative(root, abs), kind, digest(kind, abs)]);
  fs.writeFileSync(join(staging, 'manifest.json'), JSON.stringify({ version: MANIFEST_VERSION, bundle, environments, inputs, files }));
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.renameSync(staging, cacheDir);
  return { inputs: inputs.length, files: files.length };
}

/** The stored render, when nothing it was rendered from changed; otherwise why not (for GRIDATA_DEBUG). */
export function lookupRender(cacheDir, { bundle, root }) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(join(cacheDir, 'manifest.json'), 'utf8'));
  } catch {
    return { miss: 'no stored render' };
  }
  if (manifest.version !== MANIFEST_VERSION) return { miss: 'stored by another version' };
  if (manifest.bundle !== bundle) return { miss: 'renderer sources changed' };
  for (const [rel, kind, stored] of manifest.inputs) {
    if (digest(kind, join(root, rel)) !== stored) return { miss: `${rel} changed` };
  }
  const tree = join(cacheDir, 'tree');
  for (const [rel, size, mtimeMs] of manifest.files) {
    const s = fs.statSync(join(tree, rel), { throwIfNoEntry: false });
    if (!s || s.size !== size || s.mtimeMs !== mtimeMs) return { miss: `stored ${rel} was modified` };
  }
  return { tree, files: manifest.files.map(([rel]) => rel), environments: manifest.environments };
}

/** Makes `outDir` exactly the stored tree (links, swapped in atomically like writeAtomically). */
export function linkRender(hit, outDir) {
  const staging = `${outDir}.rendering-${process.pid}`;
  const previous = `${outDir}.previous-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const made = new Set();
    for (const rel of hit.files) {
      const target = join(staging, rel);
      const dir = dirname(target);
      if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
      fs.linkSync(join(hit.tree, rel), target);
    }
    fs.mkdirSync(staging, { recursive: true });
    if (fs.existsSync(outDir)) fs.renameSync(outDir, previous);
    fs.renameSync(staging, outDir);
    fs.rmSync(previous, { recursive: true, force: true });
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(outDir) && fs.existsSync(previous)) fs.renameSync(previous, outDir);
    throw error;
  }
}
