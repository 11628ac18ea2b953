// The Alertmanager configuration (kube-prometheus-stack `alertmanager.config`), built from the
// environment file's monitoring.alerting block:
//   - Watchdog (always firing, from the chart's default rules) → the heartbeat receiver, every
//     minute: a dead man's switch outside the cluster pages when the pings stop;
//   - severity=critical → every `routes.critical` receiver (pager, chat, e-mail in prod);
//   - severity=warning  → every `routes.warning` receiver (the chat channel);
//   - severity=info and the chart's InfoInhibitor → "null" (context for other alerts, never sent);
//   - anything else (no or unknown severity) → the first warning receiver, never dropped;
//   - a critical alert inhibits the warning of the same alertname and namespace, and any critical
//     or warning alert inhibits the info alerts of its namespace.
// Every key of the chart's default `alertmanager.config` is set here, so Helm's merge of maps adds
// nothing and this object is the configuration Alertmanager runs (the integration tests take it
// from the rendered Application and run amtool over it).
// Credentials are files: the VSO-synced Secret ALERT_RECEIVERS_SECRET is mounted by the operator at
// /etc/alertmanager/secrets/<secret>/<key> (alertmanagerSpec.secrets); receivers name them with
// the `*_file` fields Alertmanager 0.34 supports.
import type { AlertReceiver, Alerting, Environment } from '../../environments/types';

/** The Kubernetes Secret (in monitoring) the receivers' credentials are synced into. */
export const ALERT_RECEIVERS_SECRET = 'alertmanager-receivers';
export const ALERTMANAGER_SECRETS_DIR = '/etc/alertmanager/secrets';
export const NULL_RECEIVER = 'null';
export const WATCHDOG_ALERT = 'Watchdog';
export const INFO_INHIBITOR_ALERT = 'InfoInhibitor';

/** The key of the Vault secret (and of the synced Secret) holding a receiver's credential. */
export function receiverSecretKey(receiver: AlertReceiver): string {
  switch (receiver.kind) {
    case 'slack':
    case 'webhook':
      return `${receiver.name}-url`;
    case 'pagerduty':
      return `${receiver.name}-routing-key`;
    case 'email':
      return `${receiver.name}-password`;
  }
}

export function receiverSecretFile(receiver: AlertReceiver): string {
  return `${ALERTMANAGER_SECRETS_DIR}/${ALERT_RECEIVERS_SECRET}/${receiverSecretKey(receiver)}`;
}

/** Every key the Vault secret must hold, one per receiver (documented in the runbook). */
export function receiverSecretKeys(alerting: Alerting): string[] {
  return alerting.receivers.map(receiverSecretKey).sort();
}

/** SMTP ports the e-mail receivers reach (for the Alertmanager egress NetworkPolicy). */
export function smtpPorts(alerting: Alerting): number[] {
  const ports = alerting.receivers.flatMap((r) => (r.kind === 'email' && r.smarthost ? [Number(r.smarthost.split(':').at(-1))] : []));
  return [...new Set(ports)].sort((a, b) => a - b);
}

function receiverConfig(receiver: AlertReceiver, heartbeat: boolean): Record<string, unknown> {
  const file = receiverSecretFile(receiver);
  switch (receiver.kind) {
    case 'slack':
      return {
        name: receiver.name,
        slack_configs: [
          {
            api_url_file: file,
            channel: receiver.channel,
            send_resolved: true,
            title: '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})',
            text: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\n{{ .Annotations.runbook_url }}\n{{ end }}',
          },
        ],
      };
    case 'webhook':
      // The heartbeat only needs the pings; resolved notifications would never come anyway.
      return { name: receiver.name, webhook_configs: [{ url_file: file, send_resolved: !heartbeat }] };
    case 'pagerduty':
      return { name: receiver.name, pagerduty_configs: [{ routing_key_file: file, send_resolved: true }] };
    case 'email':
      return {
        name: receiver.name,
        email_configs: [
          {
            to: receiver.to,
            from: receiver.from,
            smarthost: receiver.smarthost,
            auth_username: receiver.authUsername,
            auth_password_file: file,
            require_tls: true,
            send_resolved: true,
          },
        ],
      };
  }
}

const severity = (value: string) => `severity = "${value}"`;

/** Child routes sending the matched alerts to each receiver in turn (`continue` on all but the last). */
function fanOut(matchers: string[], receivers: readonly string[]): Record<string, unknown>[] {
  return receivers.map((receiver, i) => ({ receiver, matchers, ...(i < receivers.length - 1 ? { continue: true } : {}) }));
}

export function alertmanagerConfig(env: Environment): Record<string, unknown> {
  const alerting = env.monitoring.alerting;
  const { critical, warning, heartbeat } = alerting.routes;
  return {
    global: { resolve_timeout: '5m' },
    inhibit_rules: [
      { source_matchers: [severity('critical')], target_matchers: [severity('warning')], equal: ['alertname', 'namespace'] },
      { source_matchers: ['severity =~ "critical|warning"'], target_matchers: [severity('info')], equal: ['namespace'] },
    ],
    route: {
      receiver: warning[0],
      group_by: ['alertname', 'namespace'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
      routes: [
        { receiver: heartbeat, matchers: [`alertname = "${WATCHDOG_ALERT}"`], group_wait: '0s', group_interval: '1m', repeat_interval: '1m' },
        { receiver: NULL_RECEIVER, matchers: [`alertname = "${INFO_INHIBITOR_ALERT}"`] },
        // Pages repeat every 4 hours while unresolved; channel messages twice a day.
        ...fanOut([severity('critical')], critical).map((r) => ({ ...r, repeat_interval: '4h' })),
        ...fanOut([severity('warning')], warning),
        { receiver: NULL_RECEIVER, matchers: [severity('info')] },
      ],
    },
    receivers: [
      { name: NULL_RECEIVER },
      ...[...alerting.receivers].sort((a, b) => a.name.localeCompare(b.name)).map((r) => receiverConfig(r, r.name === heartbeat)),
    ],
    templates: ['/etc/alertmanager/config/*.tmpl'],
  };
}
