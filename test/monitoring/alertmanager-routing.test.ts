// The rendered Alertmanager configuration under the real amtool: it passes check-config in every
// environment, and `amtool config routes test` sends every Gridata alert rule — taken from the
// rendered PrometheusRules, by its own severity — to the environment file's receivers for that
// severity, never to "null"; Watchdog goes to the heartbeat receiver.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { ENVIRONMENTS } from '../../environments/catalog';
import { loadEnvironment } from '../../environments/load';
import { NULL_RECEIVER } from '../../charts/monitoring/alertmanager-config';
import { amtoolVersion, renderedAlertmanagerConfig, routeReceivers, runAmtool } from '../../tools/amtool/amtool';

interface RenderedAlert {
  readonly alert: string;
  readonly namespace: string;
  readonly severity: string;
}

/** Every alert rule of dist/<env>/monitoring/prometheusrule.*.yaml with its severity label. */
function renderedAlerts(env: string): RenderedAlert[] {
  const dir = join('dist', env, 'monitoring');
  return readdirSync(dir)
    // Ours; the chart's default rules (hydrated beside them) include info/none alerts routed to null by design.
    .filter((f) => f.startsWith('prometheusrule.monitoring.gridata-'))
    .flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJSON()))
    .flatMap((rule: any) =>
      rule.spec.groups.flatMap((g: any) => g.rules.filter((r: any) => r.alert).map((r: any) => ({ alert: r.alert, namespace: rule.metadata.namespace, severity: r.labels?.severity }))),
    );
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gridata-alertmanager-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('uses the pinned amtool build (Alertmanager 0.34.0, as kube-prometheus-stack 88.5.3 runs)', () => {
  expect(amtoolVersion()).toMatch(/^amtool, version 0\.34\.0/);
});

for (const envName of ENVIRONMENTS) {
  describe(`${envName} Alertmanager configuration`, () => {
    const env = loadEnvironment(envName);
    const routes = env.monitoring.alerting.routes;
    let file: string;
    beforeAll(() => {
      file = join(dir, `${envName}.yaml`);
      writeFileSync(file, stringify(renderedAlertmanagerConfig(envName)));
    });

    it('passes amtool check-config', () => {
      const result = runAmtool(['check-config', file]);
      expect(result.stdout + result.stderr).toContain('SUCCESS');
      expect(result.status).toBe(0);
    });

    it('routes every rendered alert rule by its severity to the environment file’s receivers, none to null', () => {
      const alerts = renderedAlerts(envName);
      expect(alerts.length).toBeGreaterThan(10);
      for (const a of alerts) {
        expect(['critical', 'warning'], `${a.alert} severity`).toContain(a.severity);
        const receivers = routeReceivers(file, { alertname: a.alert, severity: a.severity, namespace: a.namespace });
        expect(receivers, a.alert).toBe(routes[a.severity as 'critical' | 'warning'].join(','));
        expect(receivers.split(','), a.alert).not.toContain(NULL_RECEIVER);
      }
    });

    it('sends the Watchdog heartbeat to the dead man’s switch and info alerts to null', () => {
      expect(routeReceivers(file, { alertname: 'Watchdog', severity: 'none' })).toBe(routes.heartbeat);
      expect(routeReceivers(file, { alertname: 'InfoInhibitor', severity: 'none' })).toBe(NULL_RECEIVER);
      expect(routeReceivers(file, { alertname: 'KubeQuotaAlmostFull', severity: 'info', namespace: 'airflow' })).toBe(NULL_RECEIVER);
    });

    it('never drops an alert without a known severity: it reaches the first warning receiver', () => {
      expect(routeReceivers(file, { alertname: 'Unlabelled', namespace: 'airflow' })).toBe(routes.warning[0]);
    });

    it('makes amtool fail when the expected receivers are wrong (the harness can fail)', () => {
      const result = runAmtool(['config', 'routes', 'test', `--config.file=${file}`, `--verify.receivers=${NULL_RECEIVER}`, 'alertname=VaultSealed', 'severity=critical']);
      expect(result.status).not.toBe(0);
    });
  });
}

it('makes amtool check-config refuse a route to a receiver that does not exist', () => {
  const broken = renderedAlertmanagerConfig('prod');
  broken.route.routes[0].receiver = 'nobody';
  const file = join(dir, 'broken.yaml');
  writeFileSync(file, stringify(broken));
  const result = runAmtool(['check-config', file]);
  expect(result.status).not.toBe(0);
  expect(result.stdout + result.stderr).toMatch(/undefined receiver "nobody"/);
});
