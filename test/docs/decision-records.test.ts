// Decision records are the one place a decision's reason lives; the README only indexes them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(__dirname, '../..');
const folder = join(repo, 'docs/decisions');
const records = readdirSync(folder).filter((f) => f.endsWith('.md')).sort();
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

describe('decision records', () => {
  it('are numbered NNNN-kebab-title.md without gaps or duplicates', () => {
    expect(records.length).toBeGreaterThan(0);
    records.forEach((file, i) => {
      expect(file).toMatch(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*\.md$/);
      expect(Number(file.slice(0, 4)), file).toBe(i + 1);
    });
  });

  it('each state their status, context, decision and consequences under a matching title', () => {
    for (const file of records) {
      const text = readFileSync(join(folder, file), 'utf8');
      expect(text.split('\n')[0], file).toBe(`# ${Number(file.slice(0, 4))}. ${titleOf(text)}`);
      expect(text, file).toMatch(/^Status: (accepted|superseded by \d{4}|proposed)\b/m);
      for (const heading of ['## Context', '## Decision', '## Consequences']) expect(text, file).toContain(`\n${heading}\n`);
    }
  });

  it('are each indexed once by the README, and the README links no record that does not exist', () => {
    const linked = [...readme.matchAll(/\]\(docs\/decisions\/([^)]+)\)/g)].map((m) => m[1]);
    expect(linked).toEqual(records);
    for (const file of records) {
      const title = titleOf(readFileSync(join(folder, file), 'utf8'));
      expect(readme).toContain(`| [${file.slice(0, 4)}](docs/decisions/${file}) | ${title} |`);
    }
  });
});

function titleOf(text: string): string {
  return text.split('\n')[0].replace(/^# \d+\. /, '');
}
