// npm run bench [-- --runs 5] [--integration]: median wall time of rendering every environment
// (a fresh `node tools/synth/synth.mjs` process, as `npm run synth` runs it) warm with no input
// changed (the whole-render cache), warm with only chart outputs cached (render cache off) and cold
// (every chart × environment through helm: empty output caches; charts extracted and the renderer
// bundled already; into the committed dist and into an empty folder), and of the vitest unit suite;
// --integration also times the integration suite once.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helmBinary } from '../../render/hydrate/helm';
import { cacheRoot } from '../../render/hydrate/supply';

function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: 'pipe', encoding: 'utf8', env });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function bench(label: string, runs: number, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  timeCommand(command, args, env); // warm caches (tsx transform cache, page cache)
  const times = Array.from({ length: runs }, () => timeCommand(command, args, env));
  console.log(`${label}: median ${median(times).toFixed(2)} s over ${runs} runs (min ${Math.min(...times).toFixed(2)}, max ${Math.max(...times).toFixed(2)})`);
}

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const out = mkdtempSync(join(tmpdir(), 'gridata-bench-'));
try {
  // As `npm run synth` runs it: main.ts from the cached bundle (tools/synth/synth.mjs).
  const render = ['tools/synth/synth.mjs', '--out', join(out, 'dist')];
  bench('render dev+staging+prod (warm, no input changed: whole-render cache, decision 0044)', runs, process.execPath, render);
  bench('render dev+staging+prod (warm renderer, chart outputs cached, GRIDATA_RENDER_CACHE=off)', runs, process.execPath, render, { ...process.env, GRIDATA_RENDER_CACHE: 'off' });
  // Cold: a cache with only the extracted charts and the bundle, so every helm template, parse and
  // YAML emission runs. As a checkout has it, the output folder holds the committed dist already
  // (a hard-link copy: the render never changes a file in place); and once into an empty folder,
  // where creating ~2,100 new files costs ~1.3 s of kernel time on this machine's disk (decision 0045).
  const coldRun = (i: number, withDist: boolean) => {
    const cache = join(out, `cold-${withDist ? 'dist' : 'empty'}-${i}`);
    mkdirSync(cache);
    symlinkSync(join(cacheRoot(), 'charts'), join(cache, 'charts'));
    symlinkSync(join(cacheRoot(), 'synth'), join(cache, 'synth'));
    const target = join(cache, 'out');
    if (withDist) spawnSync('cp', ['-al', 'dist', target], { stdio: 'inherit' });
    return timeCommand(process.execPath, ['tools/synth/synth.mjs', '--out', target], { ...process.env, GRIDATA_CACHE: cache, HELM: helmBinary(), GRIDATA_RENDER_CACHE: 'off' });
  };
  for (const withDist of [true, false]) {
    const cold = Array.from({ length: Math.min(runs, 3) }, (_, i) => coldRun(i, withDist));
    const where = withDist ? 'into the committed dist, as in a checkout' : 'into an empty folder';
    console.log(`render dev+staging+prod (cold: every chart through helm, ${where}): median ${median(cold).toFixed(2)} s over ${cold.length} runs (min ${Math.min(...cold).toFixed(2)}, max ${Math.max(...cold).toFixed(2)})`);
  }
  bench('TypeScript unit suite (npm test = vitest --project unit)', runs, process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'unit']);
  if (process.argv.includes('--integration')) {
    bench('TypeScript integration suite (vitest --project integration)', 1, process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--project', 'integration']);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
