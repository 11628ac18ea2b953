// Rendered diff for pull-request review. Usage:
//   npm run diff -- --base <git-ref> [--fail-on risk|version] [--max-chars N] [--output file.md] [--repo dir] [--no-cache]
// Renders <git-ref> with its own renderer in a temporary worktree (cached per commit in
// .cache/rendered/) and the working tree in-process, in parallel; compares objects by
// environment, kind, namespace and name; prints Markdown for a PR comment.
// --fail-on risk: exit 1 on risk flags; --fail-on version: also on any version change.
// Every diff also classifies each environment's changes by cause (its own environment file or
// shared code) and names prod-direct/staging-direct changes; `npm run gate` is what fails on them.
// Exit codes: 0 ok, 1 flags found with --fail-on, 2 usage or render error.
import { writeFileSync } from 'node:fs';
import { reviewMarkdown } from '../review/markdown';
import { parseArguments, UsageError } from '../review/arguments';
import { blastRadiusMarkdown } from '../review/blast-radius';
import { compareWorkingTree } from '../review/compare-working-tree';
import { flowChanges, flowChangesMarkdown } from '../flows/allowed-changes';

const USAGE = 'usage: npm run diff -- --base <git-ref> [--fail-on risk|version] [--max-chars N] [--output file.md] [--repo dir] [--no-cache]';

export async function main(argv: readonly string[]): Promise<number> {
  const started = process.hrtime.bigint();
  let args;
  try {
    args = parseArguments(argv, { values: ['--base', '--fail-on', '--max-chars', '--output', '--repo'], flags: ['--no-cache'] });
    if (!args.values.has('--base')) throw new UsageError('--base <git-ref> is required');
    const failOn = args.values.get('--fail-on');
    if (failOn !== undefined && failOn !== 'risk' && failOn !== 'version') throw new UsageError(`--fail-on takes risk or version, not ${JSON.stringify(failOn)}`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const base = args.values.get('--base')!;
  try {
    const { base: baseState, head: headState, review: result, impacts, mark } = await compareWorkingTree(args.values.get('--repo') ?? '.', base, {
      cache: !args.flags.has('--no-cache'),
    });
    const flows = flowChangesMarkdown(flowChanges(baseState.files, headState.files));
    const blast = blastRadiusMarkdown(impacts, { base, mark }) + (flows ? `\n${flows}` : '');
    const maxChars = args.values.has('--max-chars') ? Number(args.values.get('--max-chars')) : undefined;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const markdown =
      reviewMarkdown(result, {
        title: `Rendered diff: \`${base}\` (${baseState.commit.slice(0, 12)}) → this change`,
        maxChars,
        afterFlags: blast,
      }) +
      `\n<sub>${result.changes.length} object change(s) across ${baseState.files.size} → ${headState.files.size} rendered files, computed in ${seconds.toFixed(1)} s by \`npm run diff -- --base ${base}\`.</sub>\n`;
    const output = args.values.get('--output');
    if (output) writeFileSync(output, markdown);
    else process.stdout.write(markdown);
    const failOn = args.values.get('--fail-on');
    const failing = result.flags.filter((f) => (failOn === 'risk' ? f.severity === 'risk' : failOn === 'version'));
    if (failing.length > 0) {
      console.error(`--fail-on ${failOn}: ${failing.length} flag(s)`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`diff failed: ${(error as Error).message}`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
