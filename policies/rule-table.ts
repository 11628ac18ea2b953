// README's rule table, generated from the rules (npm run rules:table) and checked for drift by
// test/policies/rule-table.test.ts.
import { FAMILIES } from './families';
import type { Rule } from './types';

export const TABLE_BEGIN = '<!-- rules:begin -->';
export const TABLE_END = '<!-- rules:end -->';

/** Markdown-safe table cell: one line, pipes and emphasis escaped, `<env>` not taken for HTML. */
const cell = (text: string) =>
  text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[|*]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** One row per rule, in RULES order: id, family, severity, rationale, remediation, guard. */
export function ruleTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) =>
    [
      `\`${r.id}\``,
      `${r.family} ${FAMILIES[r.family] ?? '?'}`,
      r.severity,
      cell(r.rationale),
      cell(r.remediation),
      r.guard ? `guard: ${cell(r.guard)}` : '',
    ].join(' | '),
  );
  return [
    '| id | family | severity | rationale | remediation | guard |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

/** The README text between the markers (without them), or undefined when a marker is missing. */
export function tableInReadme(readme: string): string | undefined {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin === -1 || end === -1 || end < begin) return undefined;
  return readme.slice(begin + TABLE_BEGIN.length, end).trim();
}

/** README with the generated table between the markers. */
export function withRuleTable(readme: string, rules: readonly Rule[]): string {
  const begin = readme.indexOf(TABLE_BEGIN);
  const end = readme.indexOf(TABLE_END);
  if (begin === -1 || end === -1 || end < begin) throw new Error(`README.md has no ${TABLE_BEGIN} … ${TABLE_END} markers`);
  return `${readme.slice(0, begin + TABLE_BEGIN.length)}\n${ruleTable(rules)}\n${readme.slice(end)}`;
}
