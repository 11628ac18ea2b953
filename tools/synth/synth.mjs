// `npm run synth`: runs main.ts from a bundle cached under <cache>/synth/, rebuilt (esbuild, ~0.5 s)
// whenever a TypeScript source the renderer loads or package-lock.json changes. Starting the
// renderer through tsx costs more than a warm render itself (docs/decisions/0036); plain JS, so
// this launcher starts in milliseconds. `node --import tsx main.ts` remains equivalent.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkRender, lookupRender, recordReads, storeRender } from './render-cache.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The renderer's layers (docs/decisions/0014): nothing else is bundled into main.ts.
const SOURCE_DIRS = ['render', 'charts', 'apps', 'environments'];

function sources() {
  const files = [join(repo, 'main.ts'), join(repo, 'package-lock.json'), join(repo, 'tsconfig.json')];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(repo, dir));
  return files.sort();
}

/** Path, size and mtime of every input, and the bundler's version: a changed input rebuilds. */
function bundleKey(files) {
  const hash = createHash('sha256').update(createRequire(import.meta.url)('esbuild/package.json').version);
  for (const file of files) {
    const s = statSync(file);
    hash.update(`${relative(repo, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Sidecar of a bundle: its content digest and every bundled file outside node_modules that is not TypeScript. */
const metaOf = (bundlePath) => `${bundlePath}.meta.json`;

async function bundle(out) {
  const { build } = await import('esbuild');
  const { readFile } = await import('node:fs/promises');
  const tmp = `${out}.tmp-${process.pid}`;
  const result = await build({
    entryPoints: [join(repo, 'main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: tmp,
    logLevel: 'warning', metafile: true, absWorkingDir: repo,
    plugins: [{
      // Modules read files beside their source (scripts, versions.json): each keeps its own __dirname.
      name: 'source-dirname',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, async (args) => ({
          contents: (await readFile(args.path, 'utf8')).replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path))),
          loader: 'ts',
        }));
      },
    }],
  });
  // TypeScript sources are in the bundle's name; imported JSON (package.json, spark-jobs/versions.json,
  // the environment schema) is checked through this sidecar, so editing one rebuilds too.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.startsWith('node_modules/') && !p.endsWith('.ts'))
    .sort()
    .map((p) => {
      const s = statSync(join(repo, p));
      return [p, s.size, s.mtimeMs];
    });
  const sha256 = createHash('sha256').update(readFileSync(tmp)).digest('hex');
  writeFileSync(metaOf(out), JSON.stringify({ sha256, inputs }));
  renameSync(tmp, out);
}

/** The bundle's sidecar when the bundle is there and none of its non-TypeScript inputs changed. */
function currentMeta(out) {
  if (!existsSync(out)) return undefined;
  try {
    const meta = JSON.parse(readFileSync(metaOf(out), 'utf8'));
    const fresh = meta.inputs.every(([p, size, mtimeMs]) => {
      const s = statSync(join(repo, p), { throwIfNoEntry: false });
      return s && s.size === size && s.mtimeMs === mtimeMs;
    });
    return fresh ? meta : undefined;
  } catch {
    return undefined;
  }
}

const started = process.hrtime.bigint();
const cache = process.env.GRIDATA_CACHE ? resolve(process.env.GRIDATA_CACHE) : join(repo, '.cache');
// Keyed by checkout too: the bundle holds this checkout's absolute source paths.
const dir = join(cache, 'synth', createHash('sha256').update(repo).digest('hex').slice(0, 12));
const out = join(dir, `main-${bundleKey(sources())}.cjs`);
/**
 * Removes the bundles and stored renders of checkouts that no longer exist (test fixtures, the
 * clones validate:argocd serves): a stored render holds links to its files, so it would keep them.
 */
function pruneGoneCheckouts(synthRoot) {
  for (const name of existsSync(synthRoot) ? readdirSync(synthRoot) : []) {
    const other = join(synthRoot, name);
    let checkout;
    try {
      checkout = readFileSync(join(other, 'checkout'), 'utf8');
    } catch {
      checkout = undefined;
    }
    if (other !== dir && (!checkout || !existsSync(checkout))) rmSync(other, { recursive: true, force: true });
  }
}

let meta = currentMeta(out);
if (!meta) {
  pruneGoneCheckouts(dirname(dir));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'checkout'), repo);
  await bundle(out);
  meta = currentMeta(out);
}

// The whole-render cache (render-cache.mjs, docs/decisions/0044): only for the standard inputs, as
// `npm run synth [-- --out <dir>]` runs; other environment folders and GRIDATA_RENDER_CACHE=off render.
const argv = process.argv.slice(2);
const outArg = argv.indexOf('--out');
const outDir = resolve(outArg >= 0 ? argv[outArg + 1] : (process.env.CDK8S_OUTDIR_GRIDATA ?? 'dist'));
const renderCache = join(dir, 'render');
const cacheable = !argv.includes('--environments') && process.env.GRIDATA_RENDER_CACHE !== 'off' && !process.env.CDK8S_OUTDIR;
if (cacheable) {
  const hit = lookupRender(renderCache, { bundle: meta.sha256, root: repo });
  let linked = false;
  if (hit.tree) {
    try {
      linkRender(hit, outDir);
      linked = true;
    } catch (error) {
      // Another synth of this checkout replaced the store meanwhile: render instead (outDir is untouched).
      if (process.env.GRIDATA_DEBUG) console.error(`render cache not linked: ${error.message}`);
    }
  }
  if (linked) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`rendered ${hit.files.length} files for ${hit.environments} into ${outDir} in ${ms.toFixed(0)} ms (no input changed: linked from the render cache)`);
    process.exit(0);
  }
  if (process.env.GRIDATA_DEBUG && hit.miss) console.error(`render cache miss: ${hit.miss}`);
  const stop = recordReads(repo, [join(repo, 'node_modules'), join(repo, '.cache'), join(repo, 'dist'), outDir, cache]);
  // The renderer's summary names the environments; a hit repeats it.
  let environments;
  const log = console.log;
  console.log = (...args) => {
    const m = typeof args[0] === 'string' && /^rendered \d+ files for (.+) into /.exec(args[0]);
    if (m) environments = m[1];
    log(...args);
  };
  process.once('exit', (code) => {
    const reads = stop();
    if (code !== 0 || !environments) return;
    try {
      storeRender(renderCache, { bundle: meta.sha256, root: repo, reads, outDir, environments });
    } catch (error) {
      // A render that could not be stored is still a good render; the next one just runs again.
      if (process.env.GRIDATA_DEBUG) console.error(`render cache not stored: ${error.message}`);
      rmSync(renderCache, { recursive: true, force: true });
    }
  });
}
createRequire(import.meta.url)(out);
