// Alertmanager receivers, routes and inhibition from the environment file; credentials only as
// files of the VSO-synced Secret mounted into Alertmanager, never as values in the rendered output.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { loadEnvironment } from '../../../environments/load';
import { policyView } from '../../fixtures/rendered';
import { ALERT_GROUPS } from '../../../charts/monitoring/alerts';
import {
  ALERT_RECEIVERS_SECRET,
  ALERTMANAGER_SECRETS_DIR,
  NULL_RECEIVER,
  alertmanagerConfig,
  receiverSecretKeys,
} from '../../../charts/monitoring/alertmanager-config';
import { kubePrometheusStackValues } from '../../../charts/monitoring/values';

const config = (env: EnvName) => alertmanagerConfig(loadEnvironment(env)) as Record<string, any>;

/** Receivers of the first-level routes whose only matcher is exactly `matcher`, in order. */
function receiversFor(cfg: Record<string, any>, matcher: string): string[] {
  const matching = cfg.route.routes.filter((r: any) => r.matchers.length === 1 && r.matchers[0] === matcher);
  return matching.map((r: any) => r.receiver);
}

describe('Alertmanager configuration', () => {
  it('sends every Gridata alert severity to real receivers (derived from the alert rules)', () => {
    const severities = [...new Set(ALERT_GROUPS.flatMap((g) => g.alerts.map((a) => a.severity)))].sort();
    expect(severities).toEqual(['critical', 'warning']);
    for (const env of ENVIRONMENTS) {
      const cfg = config(env);
      const names = cfg.receivers.map((r: any) => r.name);
      for (const severity of severities) {
        const receivers = receiversFor(cfg, `severity = "${severity}"`);
        expect(receivers.length, `${env} ${severity}`).toBeGreaterThan(0);
        expect(receivers, `${env} ${severity}`).not.toContain(NULL_RECEIVER);
        for (const r of receivers) expect(names).toContain(r);
      }
    }
  });

  it('prod pages on critical (PagerDuty, chat, e-mail) and posts warnings to the channel', () => {
    const cfg = config('prod');
    expect(receiversFor(cfg, 'severity = "critical"')).toEqual(['pager', 'chat', 'oncall-email']);
    expect(receiversFor(cfg, 'severity = "warning"')).toEqual(['chat']);
    expect(cfg.route.receiver).toBe('chat');
  });

  it('routes the Watchdog first, to the heartbeat receiver, repeated every minute', () => {
    const watchdog = config('prod').route.routes[0];
    expect(watchdog).toMatchObject({ receiver: 'heartbeat', matchers: ['alertname = "Watchdog"'], repeat_interval: '1m' });
  });

  it('inhibits a warning while the critical alert of the same name and namespace fires', () => {
    expect(config('prod').inhibit_rules[0]).toEqual({
      source_matchers: ['severity = "critical"'],
      target_matchers: ['severity = "warning"'],
      equal: ['alertname', 'namespace'],
    });
  });

  it('names every credential as a file of the mounted Secret and holds no URL or key itself', () => {
    for (const env of ENVIRONMENTS) {
      const cfg = config(env);
      const text = JSON.stringify(cfg.receivers);
      expect(text, env).not.toMatch(/https?:\/\//);
      const files = [...text.matchAll(/"(?:api_url|url|routing_key|auth_password)_file":"([^"]+)"/g)].map((m) => m[1]);
      expect(files.length, env).toBe(cfg.receivers.length - 1);
      for (const file of files) expect(file.startsWith(`${ALERTMANAGER_SECRETS_DIR}/${ALERT_RECEIVERS_SECRET}/`)).toBe(true);
      expect(files.map((f) => f!.split('/').at(-1)).sort()).toEqual(receiverSecretKeys(loadEnvironment(env).monitoring.alerting));
    }
  });

  it('mounts the receivers Secret into Alertmanager, which VSO syncs from Vault', () => {
    for (const env of ENVIRONMENTS) {
      const values = kubePrometheusStackValues(loadEnvironment(env)) as any;
      expect(values.alertmanager.alertmanagerSpec.secrets).toEqual([ALERT_RECEIVERS_SECRET]);
      expect(values.alertmanager.config).toEqual(config(env));
      const synced = policyView(env).documents.find(
        (d) => d.object.kind === 'VaultStaticSecret' && d.object.spec.destination.name === ALERT_RECEIVERS_SECRET,
      );
      expect(synced?.object.metadata.namespace).toBe('monitoring');
      expect(synced?.object.spec.path).toBe(`${env}/monitoring/alertmanager-receivers`);
    }
  });

  it('lets Alertmanager reach the SMTP port only where an e-mail receiver exists', () => {
    const egress = (env: EnvName) =>
      policyView(env).documents.find((d) => d.object.kind === 'NetworkPolicy' && d.object.metadata.name === 'alertmanager-egress')!.object;
    const smtpRule = (env: EnvName) => egress(env).spec.egress.filter((r: any) => r.ports.some((p: any) => p.port === 587));
    // The relay of prod's environment file (network.smtp), on the smarthost's port only.
    expect(smtpRule('prod')).toEqual([{ to: [{ ipBlock: { cidr: '10.20.9.25/32' } }], ports: [{ protocol: 'TCP', port: 587 }] }]);
    expect(egress('prod').spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'alertmanager' } });
    expect(smtpRule('dev')).toEqual([]);
  });
});
