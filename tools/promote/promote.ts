// Promotes pinned versions one step along dev → staging → prod. Usage:
//   npm run promote -- --from staging --to prod [--only <component>...] [--dry-run] [--repo dir]
// Copies the selected `versions` entries (comments and formatting kept), re-renders dist/,
// prints the pin changes and the rendered diff summary. Refusals write nothing, print one line
// `refused: <reason>` (no stack trace) and exit 1 (2 for a usage error).
import { resolve } from 'node:path';
import { renderAll } from '../../render/pipeline';
import { reviewMarkdown } from '../review/markdown';
import { parseArguments, UsageError } from '../review/arguments';
import { planPromotion, type PromotionPlan } from './plan';
import { applyPromotion } from './apply';
import { PromotionRefused } from './refusal';
import { firstLine, promotionRepository } from './repository';

const USAGE = 'usage: npm run promote -- --from <env> --to <env> [--only <component>...] [--dry-run] [--repo dir]';

export function main(argv: readonly string[]): number {
  try {
    const args = parseArguments(argv, { values: ['--from', '--to', '--repo'], flags: ['--dry-run'], lists: ['--only'] });
    const from = args.values.get('--from');
    const to = args.values.get('--to');
    if (!from || !to) throw new UsageError('--from and --to are required');
    const repoDir = promotionRepository(resolve(args.values.get('--repo') ?? '.'));
    const plan = planPromotion({ repoDir, from, to, only: args.lists.get('--only'), render: renderAll });
    const dryRun = args.flags.has('--dry-run');
    if (!dryRun) applyPromotion(plan, repoDir);
    process.stdout.write(describePlan(plan, dryRun));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`refused: ${error.message} (${USAGE})`);
      return 2;
    }
    if (error instanceof PromotionRefused) {
      console.error(`refused: ${oneLine(error.message)}; nothing written`);
      return 1;
    }
    // Not a refusal we anticipated: still one line; GRIDATA_DEBUG=1 prints the stack for a bug report.
    if (process.env.GRIDATA_DEBUG) console.error((error as Error).stack ?? error);
    console.error(`refused: promotion failed (${oneLine(firstLine(error))}); nothing written`);
    return 1;
  }
}

const oneLine = (message: string) => message.split('\n').map((l) => l.trim()).filter(Boolean).join('; ');

export function describePlan(plan: PromotionPlan, dryRun: boolean): string {
  const verb = dryRun ? 'would promote' : 'promoted';
  const lines = [
    `${verb} ${plan.components.join(', ')} from ${plan.from} to ${plan.to}${dryRun ? ' (dry run: nothing written)' : ` (environments/${plan.to}.yaml and dist/ written)`}:`,
    ...plan.pinChanges.map((c) => `  ${c.pin}: ${c.before ?? '(none)'} → ${c.after ?? '(removed)'}`),
    '',
    reviewMarkdown(plan.review, { title: `Rendered changes of promoting ${plan.from} → ${plan.to}`, summaryOnly: true }),
  ];
  return lines.join('\n') + '\n';
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
