// Every dashboard query is valid PromQL: promtool parses them as recording rules.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { DASHBOARDS } from '../../charts/monitoring/dashboards';
import { dashboardExpressions } from '../../charts/monitoring/dashboards/grafana-json';
import { runPromtool } from '../../tools/promtool/promtool';

function recordingRules(exprs: { uid: string; expr: string }[]): string {
  return stringify({
    groups: [{ name: 'dashboard-queries', rules: exprs.map((e, i) => ({ record: `dashboard:${e.uid.replace(/-/g, '_')}:q${i}`, expr: e.expr })) }],
  });
}

describe('dashboard queries', () => {
  const exprs = DASHBOARDS.flatMap((d) => dashboardExpressions(d).map((expr) => ({ uid: d.uid, expr })));

  it('all parse with promtool check rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridata-dashboards-'));
    try {
      writeFileSync(join(dir, 'queries.yaml'), recordingRules(exprs));
      const result = runPromtool(['check', 'rules', 'queries.yaml'], dir);
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toContain(`SUCCESS: ${exprs.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('would be refused by promtool if a query were malformed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridata-dashboards-'));
    try {
      writeFileSync(join(dir, 'bad.yaml'), recordingRules([{ uid: 'bad', expr: 'sum by (table (gridata_quality_check_failed)' }]));
      expect(runPromtool(['check', 'rules', 'bad.yaml'], dir).status).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
