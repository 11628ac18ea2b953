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
import { renderAll } from './pipeline';
import { REPO_ROOT, loadChartLock } from './hydrate/lock';
import { supplyChart } from './hydrate/supply';
import { helmBinary, helmTemplate, isTemplated } from './hydrate/helm';
import { chartRequests } from './hydrate/requests';
import { loadEnvironment } from '../environments/load';
import { availableParallelism } from 'node:os';
import { writeAtomically } from './write-atomically';

export function synthCommand(argv: string[], log: (line: string) => void = console.log, logError: (line: string) => void = console.error): number {
  const arg = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const outDir = resolve(arg('--out') ?? process.env.CDK8S_OUTDIR_GRIDATA ?? 'dist');
  const started = process.hrtime.bigint();
  try {
    const files = renderAll(arg('--environments'));
    writeAtomically(outDir, files);
    // `cdk8s synth` (cdk8s.yaml) empties its own output folder and expects the app to create it;
    // the real output stays in dist/, swapped in atomically, so the CLI's folder only points there.
    if (process.env.CDK8S_OUTDIR) {
      mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });
      writeFileSync(join(process.env.CDK8S_OUTDIR, 'README'), `rendered into ${outDir}\n`);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(`rendered ${files.size} files for ${ENVIRONMENTS.join(', ')} into ${outDir} in ${ms.toFixed(0)} ms`);
    return 0;
  } catch (error) {
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

/**
 * Fetches every locked chart not yet in the cache (in parallel; from GRIDATA_CHART_MIRROR or
 * upstream), so the synchronous render finds them all. False, with a one-line reason, on failure.
 */
export async function prepareCharts(argv: string[] = [], logError: (line: string) => void = console.error): Promise<boolean> {
  try {
    await Promise.all(loadChartLock().map((c) => supplyChart(c.name, c.version)));
  } catch (error) {
    logError(`render failed, dist/ left untouched: ${(error as Error).message.split('\n')[0]}`);
    return false;
  }
  await templateInParallel(argv);
  return true;
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
 * Runs the environments' `helm template` requests that are not cached yet, as many at once as
 * there are cores, so the synchronous render that follows finds every output (a cold render ran
 * them one by one). Anything that fails here is left for the render to report in its own words.
 */
async function templateInParallel(argv: string[]): Promise<void> {
  const dirArg = argv.indexOf('--environments');
  const requests = ENVIRONMENTS.flatMap((name) => {
    try {
      const file = dirArg >= 0 ? resolve(argv[dirArg + 1]!, `${name}.yaml`) : undefined;
      return chartRequests(loadEnvironment(name, file)).filter((r) => !isTemplated(r));
    } catch {
      return [];
    }
  });
  if (requests.length > 0) ensureHelm();
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      await helmTemplate(request).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
}
