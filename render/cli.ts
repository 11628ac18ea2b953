// `npm run synth` (main.ts): render every environment and swap the result into the output folder.
//   npm run synth                         render dev, staging and prod into dist/
//   npm run synth -- --out <dir>          render somewhere else (tests, diff)
//   npm run synth -- --environments <dir> read environment files from another folder
// Nothing is written unless every environment validates and renders.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENVIRONMENTS } from '../environments/catalog';
import { EnvironmentError } from '../environments/errors';
import { renderEachAsync } from './pipeline';
import { REPO_ROOT, loadChartLock } from './hydrate/lock';
import { supplyChart } from './hydrate/supply';
import { helmBinary, helmTemplate, isTemplated, templateOutputKey, type HelmTemplateRequest } from './hydrate/helm';
import { parseAhead, type ParsedDocuments } from './hydrate/hydrate';
import { chartRequests } from './hydrate/requests';
import { loadEnvironment } from '../environments/load';
import { availableParallelism } from 'node:os';
import { writeAtomicallyInBackground, type BackgroundTreeWriter } from './write-atomically';

export async function synthCommand(
  argv: string[],
  log: (line: string) => void = console.log,
  logError: (line: string) => void = console.error,
  templating?: Templating,
): Promise<number> {
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const outDir = resolve(arg('--out') ?? process.env.CDK8S_OUTDIR_GRIDATA ?? 'dist');
  const started = process.hrtime.bigint();
  let writer: BackgroundTreeWriter | undefined;
  try {
    const written = new Set<string>();
    // Each folder's files are written by a worker thread while the rest renders.
    await renderEachAsync(arg('--environments'), async (name) => templating?.get(name), (files) => {
      writer ??= writeAtomicallyInBackground(outDir);
      writer.add(files);
      for (const path of files.keys()) written.add(path);
    });
    writer ??= writeAtomicallyInBackground(outDir);
    const done = writer;
    writer = undefined;
    await done.commit();
    // `cdk8s synth` (cdk8s.yaml) empties its own output folder and expects the app to create it;
    // the real output stays in dist/, swapped in atomically, so the CLI's folder only points there.
    if (process.env.CDK8S_OUTDIR) {
      mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });
      writeFileSync(join(process.env.CDK8S_OUTDIR, 'README'), `rendered into ${outDir}\n`);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(`rendered ${written.size} files for ${ENVIRONMENTS.join(', ')} into ${outDir} in ${ms.toFixed(0)} ms`);
    return 0;
  } catch (error) {
    await (writer as BackgroundTreeWriter | undefined)?.abort();
    if (error instanceof EnvironmentError) {
      logError(`refused: invalid environment input, dist/ left untouched\n${error.message}`);
      return 1;
    }
    // One line like every refusal; GRIDATA_DEBUG=1 adds the stack for a bug report.
    if (process.env.GRIDATA_DEBUG) logError(String((error as Error).stack ?? error));
    const reason = (error instanceof Error ? error.message : String(error)).split('\n').map((l) => l.trim()).filter(Boolean).join('; ');
    logError(`render failed, dist/ left untouched: ${reason}`);
    return 1;
  }
}

/** Per environment name: settles when the chart outputs its render needs are templated and parsed. */
export type Templating = ReadonlyMap<string, Promise<void>>;

/**
 * Fetches every locked chart not yet in the cache (in parallel; from GRIDATA_CHART_MIRROR or
 * upstream), then starts templating the outputs not cached yet; the render of each environment
 * waits for its own (synthCommand). Undefined, with a one-line reason, when a chart cannot be had.
 */
export async function prepareCharts(argv: string[] = [], logError: (line: string) => void = console.error): Promise<Templating | undefined> {
  try {
    await Promise.all(loadChartLock().map((c) => supplyChart(c.name, c.version)));
  } catch (error) {
    logError(`render failed, dist/ left untouched: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  return startTemplating(argv);
}

/**
 * Builds the pinned helm (tools/go/build.sh, cached) when a chart output is missing and no helm is
 * there yet, so `npm run synth` sets itself up on a fresh checkout; a warm render never needs it.
 */
function ensureHelm(): void {
  if (process.env.HELM || existsSync(helmBinary())) return;
  console.error('[setup] building helm (bash tools/go/build.sh helm): a chart output is not cached yet');
  execFileSync('bash', [join(REPO_ROOT, 'tools/go/build.sh'), 'helm'], { stdio: ['ignore', 'inherit', 'inherit'] });
}

/**
 * Runs the `helm template` requests not cached yet, environment by environment, as many at once
 * as there are cores; each output is parsed on the main thread as soon as it is there while the
 * other helm processes run, and an environment renders as soon as its own outputs are in, while
 * the next environment's are templated (docs/decisions/0045). Anything that fails here is left for
 * the render to report in its own words.
 */
function startTemplating(argv: string[]): Templating {
  const dirArg = argv.indexOf('--environments');
  const computed = new Map<string, (ready: Promise<void>) => void>();
  const templating = new Map(ENVIRONMENTS.map((name) => [name, new Promise<void>((resolve) => computed.set(name, (ready) => void ready.then(resolve)))]));
  // One run per output: environments often share one (same chart, same values).
  const queue: { request: HelmTemplateRequest; done: () => void }[] = [];
  const runs = new Map<string, Promise<void>>();
  let closed = false;
  const waiting: (() => void)[] = [];
  const wake = () => waiting.splice(0).forEach((w) => w());
  const documents: ParsedDocuments = new Map();
  const worker = async () => {
    for (;;) {
      const job = queue.shift();
      if (!job) {
        if (closed) return;
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const { request, done } = job;
      const rendered = await helmTemplate(request).catch(() => undefined);
      // Parsed once this worker has started its next helm process.
      setImmediate(() => {
        try {
          if (rendered) parseAhead(rendered, `${request.chart} ${request.version}`, documents);
        } catch {
          // the render reports it in its own words
        }
        done();
      });
    }
  };
  let workers = false;
  // Environment by environment, yielding in between: helm starts on dev's charts while staging's
  // values are still being computed.
  void (async () => {
    for (const name of ENVIRONMENTS) {
      let requests: HelmTemplateRequest[] = [];
      try {
        const file = dirArg >= 0 ? resolve(argv[dirArg + 1]!, `${name}.yaml`) : undefined;
        requests = chartRequests(loadEnvironment(name, file)).filter((r) => !isTemplated(r));
      } catch {
        // the render reports a bad environment in its own words
      }
      computed.get(name)!(Promise.all(requests.map((request) => {
        const key = templateOutputKey(request);
        if (!runs.has(key)) runs.set(key, new Promise<void>((done) => queue.push({ request, done })));
        return runs.get(key)!;
      })).then(() => undefined));
      if (queue.length > 0 && !workers) {
        ensureHelm();
        workers = true;
        for (let i = 0; i < Math.max(1, availableParallelism()); i++) void worker();
      }
      wake();
      await new Promise((resolve) => setImmediate(resolve));
    }
    closed = true;
    wake();
  })();
  return templating;
}
