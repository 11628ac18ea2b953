// Blast-radius gate: a change may alter dist/staging or dist/prod only through that environment's
// own file (a promotion, a sizing change), unless it is marked as meant for every environment.
// Usage:
//   npm run gate -- --base <git-ref> [--repo dir] [--no-cache]
// Renders <git-ref> (cached per commit, like `npm run diff`) and the working tree, classifies every
// rendered change per environment by its cause (tools/review/blast-radius.ts) and fails when shared
// code or values change staging (`staging-direct`) or prod (`prod-direct`) unmarked. The mark:
// a commit trailer `Environments: all` in any commit of <git-ref>..HEAD, or GRIDATA_ALL_ENVIRONMENTS=1
// (CI sets it when the pull request has the label `environments:all`).
// Without --base there is nothing to compare (a push to main): it says so and exits 0.
// Exit codes: 0 pass, 1 unmarked staging-direct/prod-direct change, 2 usage or render error.
import { describeObject } from '../review/rendered-objects';
import type { EnvironmentImpact } from '../review/blast-radius';
import { compareWorkingTree } from '../review/compare-working-tree';
import { parseArguments, UsageError } from '../review/arguments';

const USAGE = 'usage: npm run gate -- --base <git-ref> [--repo dir] [--no-cache]';

export interface GateResult {
  readonly code: number;
  readonly impacts?: readonly EnvironmentImpact[];
}

export async function main(argv: readonly string[], log: (line: string) => void = console.log, logError: (line: string) => void = console.error): Promise<number> {
  return (await gate(argv, log, logError)).code;
}

export async function gate(argv: readonly string[], log: (line: string) => void = console.log, logError: (line: string) => void = console.error): Promise<GateResult> {
  const started = process.hrtime.bigint();
  let args;
  try {
    args = parseArguments(argv, { values: ['--base', '--repo'], flags: ['--no-cache'] });
  } catch (error) {
    if (error instanceof UsageError) {
      logError(`${error.message}\n${USAGE}`);
      return { code: 2 };
    }
    throw error;
  }
  const base = args.values.get('--base');
  if (base === undefined) {
    log('gate: no --base given, nothing to compare: passes. On a pull request run `npm run gate -- --base origin/<base branch>`.');
    return { code: 0 };
  }
  try {
    const { base: baseState, impacts, mark } = await compareWorkingTree(args.values.get('--repo') ?? '.', base, { cache: !args.flags.has('--no-cache') });
    const baseCommit = baseState.commit;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    log(`gate: ${base} (${baseCommit.slice(0, 12)}) → working tree`);
    for (const impact of impacts) log(`  ${summaryLine(impact)}`);
    const direct = impacts.filter((i) => i.direct);
    for (const impact of direct) {
      const shared = impact.changes.filter((c) => c.cause === 'shared');
      log(`${impact.direct}: shared code or values change ${shared.length} object(s) in dist/${impact.env}${impact.note ? ` (${impact.note})` : ''}:`);
      for (const c of shared) log(`  ${c.change.status} ${describeObject(c.change.object)} (component ${c.change.folder})`);
      const files = impact.sharedFiles;
      if (files.length > 0) log(`  changed sources besides ${impact.ownFile}: ${files.slice(0, 8).join(', ')}${files.length > 8 ? `, … (${files.length} in all)` : ''}`);
    }
    const timing = `(${seconds.toFixed(1)} s)`;
    if (direct.length === 0) {
      log(`gate passed: no shared change reaches staging or prod ${timing}`);
      return { code: 0, impacts };
    }
    if (mark) {
      log(`gate passed: ${direct.map((i) => i.direct).join(' and ')}, marked as an all-environments change (${mark}) ${timing}`);
      return { code: 0, impacts };
    }
    logError(
      `gate failed: ${direct.map((i) => i.direct).join(' and ')} change not marked as an all-environments change ${timing}.\n` +
        `  Land it in dev first behind a rollout revision (versions.<component>.revision, atRevision() in charts/shared/revision.ts) and promote it,\n` +
        `  or, if every environment must change at once, add the trailer "Environments: all" to a commit message (or the PR label environments:all).\n` +
        `  Review the per-environment impact: npm run diff -- --base ${base}`,
    );
    return { code: 1, impacts };
  } catch (error) {
    logError(`gate failed to run: ${(error as Error).message}`);
    return { code: 2 };
  }
}

function summaryLine(impact: EnvironmentImpact): string {
  const name = impact.env.padEnd(8);
  if (impact.method === 'unchanged') return `${name} no rendered changes`;
  const own = impact.changes.filter((c) => c.cause === 'environment file').length;
  const shared = impact.changes.length - own;
  return `${name} ${impact.changes.length} object change(s): ${own} from ${impact.ownFile}, ${shared} from shared code/values [${impact.method}]${impact.direct ? ` → ${impact.direct}` : ''}`;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
