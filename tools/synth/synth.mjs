// `npm run synth`: runs main.ts from a bundle cached under <cache>/synth/, rebuilt (esbuild, ~0.5 s)
// whenever a TypeScript source the renderer loads or package-lock.json changes. Starting the
// renderer through tsx costs more than a warm render itself (docs/decisions/0036); plain JS, so
// this launcher starts in milliseconds. `node --import tsx main.ts` remains equivalent.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

async function bundle(out) {
  const { build } = await import('esbuild');
  const { readFile } = await import('node:fs/promises');
  const tmp = `${out}.tmp-${process.pid}`;
  await build({
    entryPoints: [join(repo, 'main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: tmp,
    logLevel: 'warning',
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
  renameSync(tmp, out);
}

const cache = process.env.GRIDATA_CACHE ? resolve(process.env.GRIDATA_CACHE) : join(repo, '.cache');
// Keyed by checkout too: the bundle holds this checkout's absolute source paths.
const dir = join(cache, 'synth', createHash('sha256').update(repo).digest('hex').slice(0, 12));
const out = join(dir, `main-${bundleKey(sources())}.cjs`);
if (!existsSync(out)) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await bundle(out);
}
createRequire(import.meta.url)(out);
