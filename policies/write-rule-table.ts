// npm run rules:table            rewrites README.md's rule table from the rules
// npm run rules:table -- --check exits 1 when README.md's table differs from the rules
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './rules';
import { ruleTable, tableInReadme, withRuleTable } from './rule-table';

const README = join(__dirname, '..', 'README.md');

function main(argv: string[]): number {
  const readme = readFileSync(README, 'utf8');
  if (argv.includes('--check')) {
    if (tableInReadme(readme) === ruleTable(RULES)) return 0;
    console.error('README.md rule table is out of date: run `npm run rules:table`');
    return 1;
  }
  const updated = withRuleTable(readme, RULES);
  if (updated !== readme) writeFileSync(README, updated);
  console.log(`README.md: ${RULES.length} rules in the table${updated === readme ? ' (unchanged)' : ''}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
