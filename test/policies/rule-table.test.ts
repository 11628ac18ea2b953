// README's rule table is generated from the rules (npm run rules:table); it must not drift.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../policies/rules';
import { ruleTable, tableInReadme, withRuleTable } from '../../policies/rule-table';

const README = readFileSync(join(__dirname, '../../README.md'), 'utf8');

describe('README rule table', () => {
  it('matches the rules (run `npm run rules:table` after changing a rule)', () => {
    expect(tableInReadme(README)).toBe(ruleTable(RULES));
  });

  it('has one row per rule with its remediation, and lists guards with their reason', () => {
    const table = ruleTable(RULES);
    for (const rule of RULES) expect(table).toContain(`| \`${rule.id}\` |`);
    const guards = RULES.filter((r) => r.guard);
    expect(table.split('\n').filter((l) => l.includes('| guard: '))).toHaveLength(guards.length);
  });

  it('rewrites only what lies between the markers', () => {
    const readme = 'intro\n<!-- rules:begin -->\nstale\n<!-- rules:end -->\noutro\n';
    const updated = withRuleTable(readme, RULES);
    expect(updated.startsWith('intro\n<!-- rules:begin -->\n| id | family |')).toBe(true);
    expect(updated.endsWith('\n<!-- rules:end -->\noutro\n')).toBe(true);
    expect(tableInReadme(updated)).toBe(ruleTable(RULES));
  });
});
