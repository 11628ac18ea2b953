// Every locked chart rendered by helm (tools/go/build.sh helm) with the values every environment
// generates today, from the chart mirror (never the network). Records the current truth: which
// renders fail, and why; the session that wires hydration in flips KNOWN_FAILURES.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { loadEnvironment } from '../../../environments/load';
import { REPO_ROOT, loadChartLock } from '../../../render/hydrate/lock';
import { chartRequests, templateAll, type ChartOutcome } from '../../../tools/charts/sources';

const mirror = process.env.GRIDATA_CHART_MIRROR ?? join(REPO_ROOT, '../shared/chart-mirror');
const outputDir = mkdtempSync(join(tmpdir(), 'gridata-helm-output-'));
afterAll(() => rmSync(outputDir, { recursive: true, force: true }));

/** `<env>/<component>` → what helm's error says today. */
// Airflow's `function "secret" not defined` (Vault agent templates under the chart's tpl) is fixed:
// test/charts/airflow/airflow-chart.test.ts proves what reaches the pods.
const KNOWN_FAILURES: Record<string, RegExp> = {};

describe('helm template of every locked chart × every environment (chart mirror)', () => {
  let outcomes: ChartOutcome[];

  it('renders every request cold, except the known failures', async () => {
    const requests = ENVIRONMENTS.flatMap((name) => chartRequests(loadEnvironment(name)));
    outcomes = await templateAll(requests, { mirror, outputDir });
    const failures = Object.fromEntries(outcomes.filter((o) => !o.ok).map((o) => [`${o.request.env}/${o.request.component}`, o.error!]));
    expect(Object.keys(failures).sort()).toEqual(Object.keys(KNOWN_FAILURES).sort());
    for (const [id, error] of Object.entries(failures)) {
      expect(error, id).toMatch(KNOWN_FAILURES[id]);
      expect(error).not.toContain('\n');
    }
    for (const o of outcomes.filter((o) => o.ok)) expect(o.objects, `${o.request.env}/${o.request.component}`).toBeGreaterThan(0);
  });

  it('covers every locked chart', () => {
    const rendered = new Set(outcomes.map((o) => `${o.request.chart} ${o.request.version}`));
    expect(rendered).toEqual(new Set(loadChartLock().map((c) => `${c.name} ${c.version}`)));
  });

  it('serves the same requests from the cache without running helm', async () => {
    const warm = await templateAll(outcomes.map((o) => o.request), { mirror, outputDir });
    expect(warm.every((o) => o.cached)).toBe(true);
    expect(warm.map((o) => o.ok)).toEqual(outcomes.map((o) => o.ok));
  });
});
