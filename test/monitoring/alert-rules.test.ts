// The rendered PrometheusRules, checked and unit-tested by the real promtool: every expression
// parses, and every alert fires on a crafted series and stays quiet on a healthy one.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { COMPONENTS } from '../../charts';
import { renderEnvironment } from '../../render/environment';
import { runbookUrl } from '../../charts/monitoring/runbooks';
import { loadEnvironment } from '../../environments/load';
import { promtoolTestFile, ruleFileFromPrometheusRules, type AlertScenario } from '../../tools/promtool/rule-files';
import { promtoolVersion, runPromtool } from '../../tools/promtool/promtool';
import { ALERT_CASES } from './alert-cases';

const env = loadEnvironment('prod');
const files = renderEnvironment(env, COMPONENTS);
const ruleObjects = [...files]
  // Ours; the chart's default rules are hydrated beside them (upstream, not Gridata alerts).
  .filter(([path]) => path.startsWith('prod/monitoring/prometheusrule.monitoring.gridata-'))
  .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJSON()));
const renderedAlerts: { alert: string; labels: Record<string, string> }[] = ruleObjects.flatMap((o) =>
  o.spec.groups.flatMap((g: { rules: { alert: string; labels: Record<string, string> }[] }) => g.rules),
);

function scenarios(): AlertScenario[] {
  return ALERT_CASES.flatMap((c) => {
    const teamLabel = renderedAlerts.find((a) => a.alert === c.alert)?.labels.team ?? 'missing';
    return [
      {
        name: `${c.alert} fires`,
        interval: c.firing.interval,
        series: c.firing.series,
        evalTime: c.firing.evalTime,
        alert: c.alert,
        expected: c.firing.expected.map((e) => ({
          labels: { ...e.labels, team: teamLabel },
          annotations: { summary: e.summary, description: e.description, runbook_url: runbookUrl(env, c.alert) },
        })),
      },
      { name: `${c.alert} stays quiet`, interval: c.quiet.interval, series: c.quiet.series, evalTime: c.quiet.evalTime, alert: c.alert, expected: [] },
    ];
  });
}

describe('Gridata alert rules under promtool', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gridata-alerts-'));
    writeFileSync(join(dir, 'rules.yaml'), ruleFileFromPrometheusRules(ruleObjects));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the pinned promtool build', () => {
    expect(promtoolVersion()).toMatch(/^promtool, version 3\.16\.0/);
  });

  it('finds every rendered rule valid with `promtool check rules`', () => {
    const result = runPromtool(['check', 'rules', 'rules.yaml'], dir);
    expect(result.stderr + result.stdout).toContain(`SUCCESS: ${renderedAlerts.length} rules found`);
    expect(result.status).toBe(0);
  });

  it('has one firing and one quiet case for every rendered alert, and no case for an unknown alert', () => {
    expect(ALERT_CASES.map((c) => c.alert).sort()).toEqual(renderedAlerts.map((a) => a.alert).sort());
  });

  it('passes every alert unit test with `promtool test rules`', () => {
    const all = scenarios();
    expect(all).toHaveLength(2 * renderedAlerts.length);
    expect(all.filter((s) => s.expected.length > 0)).toHaveLength(renderedAlerts.length);
    writeFileSync(join(dir, 'alerts.test.yaml'), promtoolTestFile('rules.yaml', all));
    const result = runPromtool(['test', 'rules', 'alerts.test.yaml'], dir);
    expect(result.stdout + result.stderr).toContain('SUCCESS');
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('makes promtool fail when a firing case expects the wrong labels (the harness can fail)', () => {
    const broken = scenarios().map((s) =>
      s.alert === 'VaultSealed' && s.expected.length > 0 ? { ...s, expected: s.expected.map((e) => ({ ...e, labels: { ...e.labels, instance: 'vault-2' } })) } : s,
    );
    writeFileSync(join(dir, 'broken.test.yaml'), promtoolTestFile('rules.yaml', broken));
    const result = runPromtool(['test', 'rules', 'broken.test.yaml'], dir);
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('VaultSealed');
  });

  it('makes promtool fail when a quiet case is given a firing series', () => {
    const vault = ALERT_CASES.find((c) => c.alert === 'VaultSealed')!;
    const quietButSealed: AlertScenario = { name: 'sealed but expected quiet', series: vault.firing.series, evalTime: vault.firing.evalTime, alert: 'VaultSealed', expected: [] };
    writeFileSync(join(dir, 'quiet.test.yaml'), promtoolTestFile('rules.yaml', [quietButSealed]));
    expect(runPromtool(['test', 'rules', 'quiet.test.yaml'], dir).status).not.toBe(0);
  });
});
