// Formats a Review as Markdown for a pull-request comment: risk flags first, then notices and version
// changes, a summary table per environment and component, then each changed object's fields.
import { describeObject } from './rendered-objects';
import { envOrder, type ObjectChange, type Review } from './review';

export interface MarkdownOptions {
  readonly title: string;
  /** Stop adding object diffs once the text reaches this length (GitHub comments hold 65,536). */
  readonly maxChars?: number;
  /** Only the flags and the summary table (promote prints this). */
  readonly summaryOnly?: boolean;
  /** A section placed after the risk flags (the diff's blast radius by cause). */
  readonly afterFlags?: string;
}

export function reviewMarkdown(review: Review, options: MarkdownOptions): string {
  const parts: string[] = [`## ${options.title}`, ''];
  const risks = review.flags.filter((f) => f.severity === 'risk');
  const notices = review.flags.filter((f) => f.severity === 'notice');
  const versions = review.flags.filter((f) => f.severity === 'version');
  if (risks.length > 0) {
    parts.push(`### ⚠️ Risk flags (${risks.length})`, '', ...risks.map((f) => `- **${f.env}**: ${f.message}`), '');
  } else {
    parts.push('No risk flags.', '');
  }
  if (notices.length > 0) {
    parts.push(`### Notices (${notices.length})`, '', ...notices.map((f) => `- **${f.env}**: ${f.message}`), '');
  }
  if (options.afterFlags) parts.push(options.afterFlags);
  if (versions.length > 0) {
    parts.push(`### Version changes (${versions.length})`, '', ...versions.map((f) => `- **${f.env}**: ${f.message}`), '');
  }
  parts.push(...summaryTable(review.changes));
  if (options.summaryOnly || (review.changes.length === 0 && review.values.length === 0)) return parts.join('\n');

  const details = [...valuesDetails(review.values), ...changeDetails(review.changes)];
  const limit = options.maxChars ?? Number.POSITIVE_INFINITY;
  let text = parts.join('\n');
  const omitted: string[] = [];
  let full = false;
  for (const section of details) {
    full ||= text.length + section.text.length + 200 > limit;
    if (!full) text += '\n' + section.text;
    else if (section.isObjectDiff) omitted.push(section.label);
  }
  if (omitted.length > 0) {
    text += `\n> ${omitted.length} object diff(s) left out to fit the comment size limit (${omitted.slice(0, 5).join(', ')}${omitted.length > 5 ? ', …' : ''}); run \`npm run diff\` locally for all of them.\n`;
  }
  return text;
}

function summaryTable(changes: readonly ObjectChange[]): string[] {
  if (changes.length === 0) return ['No rendered changes.', ''];
  const rows = new Map<string, { env: string; folder: string; added: number; removed: number; changed: number }>();
  for (const change of changes) {
    const key = `${envOrder(change.env)}|${change.folder}`;
    const row = rows.get(key) ?? { env: change.env, folder: change.folder, added: 0, removed: 0, changed: 0 };
    row[change.status]++;
    rows.set(key, row);
  }
  const ordered = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  return [
    '### Summary',
    '',
    '| Environment | Component | Added | Removed | Changed |',
    '|---|---|---:|---:|---:|',
    ...ordered.map((r) => `| ${r.env} | ${r.folder} | ${r.added} | ${r.removed} | ${r.changed} |`),
    '',
  ];
}

/** One section per chart whose values changed: the chart version move and the values' YAML diff. */
function valuesDetails(values: Review['values']): DetailSection[] {
  if (values.length === 0) return [];
  const sections: DetailSection[] = [{ label: 'chart values', isObjectDiff: false, text: [`### Chart values (${values.length})`, ''].join('\n') }];
  for (const v of values) {
    const version = v.before === v.after ? `${v.after}` : `${v.before ?? '(none)'} → ${v.after ?? '(removed)'}`;
    const body = v.diff.length > 0 ? ['```diff', ...v.diff, '```'] : ['(values unchanged)'];
    sections.push({ label: `${v.env}/${v.folder} values of ${v.chart}`, isObjectDiff: true, text: [`#### ${v.env}/${v.folder}: chart ${v.chart} ${version}`, '', ...body, ''].join('\n') });
  }
  return sections;
}

interface DetailSection {
  readonly label: string;
  readonly isObjectDiff: boolean;
  readonly text: string;
}

function changeDetails(changes: readonly ObjectChange[]): DetailSection[] {
  const sections: DetailSection[] = [];
  const groups = new Map<string, ObjectChange[]>();
  for (const change of changes) {
    const key = `${change.env}/${change.folder}`;
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  for (const [group, members] of groups) {
    const lines = [`### ${group}`, ''];
    const listed = (status: 'added' | 'removed', sign: string) =>
      members.filter((c) => c.status === status).map((c) => `- ${sign} ${status} ${describeObject(c.object)}${c.object.reviewOnly ? ' (review only)' : ''}`);
    lines.push(...listed('added', '➕'), ...listed('removed', '➖'));
    if (lines.length > 2) lines.push('');
    sections.push({ label: group, isObjectDiff: false, text: lines.join('\n') });
    for (const change of members.filter((c) => c.status === 'changed')) {
      const moved =
        change.before && (change.before.folder !== change.folder || change.before.file !== change.object.file)
          ? ` (moved from \`${change.before.env}/${change.before.folder}/${change.before.file}\`)`
          : '';
      const body = change.diff.length > 0 ? ['```diff', ...change.diff, '```'] : ['(no field changes)'];
      sections.push({
        label: `${group} ${describeObject(change.object)}`,
        isObjectDiff: true,
        text: [`#### ${describeObject(change.object)}${moved}`, '', ...body, ''].join('\n'),
      });
    }
  }
  return sections;
}
