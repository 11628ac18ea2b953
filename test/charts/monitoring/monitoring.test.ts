// The monitoring component: kube-prometheus-stack values per environment, rule metadata,
// dashboards as sidecar-labelled ConfigMaps, the statsd ServiceMonitor and the runbook file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../../charts';
import { renderEnvironment } from '../../../render/environment';
import { ALERT_GROUPS } from '../../../charts/monitoring/alerts';
import { repositoryWebUrl, RUNBOOKS_PATH } from '../../../charts/monitoring/runbooks';
import { loadEnvironment } from '../../../environments/load';
import { renderedEnvironment, chartRelease, chartValues } from '../../fixtures/rendered';
import type { EnvName } from '../../../environments/catalog';

function rendered(name: EnvName) {
  const fixture = renderedEnvironment(name);
  const { files, docs } = fixture;
  const app = docs.find((d) => d.object.kind === 'Application' && d.object.metadata.name === `${name}-monitoring`)!.object;
  return { files, docs, app, helm: chartRelease(fixture, 'monitoring', 'kube-prometheus-stack'), values: chartValues(fixture, 'monitoring', 'kube-prometheus-stack') };
}

const prod = rendered('prod');
const dev = rendered('dev');

describe('kube-prometheus-stack values', () => {
  it('pins chart 88.5.3 from the prometheus-community repository, with server-side apply', () => {
    expect(prod.helm.repository).toBe('https://prometheus-community.github.io/helm-charts');
    expect(prod.helm.version).toBe('88.5.3');
    expect(prod.app.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
  });

  it('selects monitors and rules from every namespace, not only Helm-labelled ones', () => {
    const spec = prod.values.prometheus.prometheusSpec;
    for (const key of ['serviceMonitor', 'podMonitor', 'rule', 'probe', 'scrapeConfig']) {
      expect(spec[`${key}SelectorNilUsesHelmValues`], key).toBe(false);
    }
    expect(spec.ruleNamespaceSelector).toEqual({});
    expect(spec.serviceMonitorNamespaceSelector).toEqual({});
  });

  it('takes retention and storage from the environment (seed: 7d dev, 30d prod)', () => {
    expect(dev.values.prometheus.prometheusSpec.retention).toBe('7d');
    expect(prod.values.prometheus.prometheusSpec.retention).toBe('30d');
    expect(prod.values.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage).toBe('500Gi');
    expect(prod.values.alertmanager.alertmanagerSpec.storage.volumeClaimTemplate.spec.resources.requests.storage).toBe('1Gi');
    expect(prod.values.grafana.persistence).toEqual({ enabled: true, type: 'statefulset', size: '1Gi' });
  });

  it('sizes every component from the environment file', () => {
    const v = prod.values;
    expect(v.prometheus.prometheusSpec.replicas).toBe(2);
    expect(v.prometheus.prometheusSpec.resources).toEqual({ requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } });
    expect(v.alertmanager.alertmanagerSpec.replicas).toBe(3);
    expect(v.grafana.replicas).toBe(2);
    // Chart containers also carry the platform scratch bound (64Mi/1Gi of ephemeral storage).
    expect(v.grafana.resources.limits).toEqual({ cpu: '500m', memory: '256Mi', 'ephemeral-storage': '1Gi' });
    expect(v.prometheusOperator.resources.requests).toEqual({ cpu: '100m', memory: '128Mi', 'ephemeral-storage': '64Mi' });
    expect(v['kube-state-metrics'].resources.requests).toEqual({ cpu: '50m', memory: '64Mi', 'ephemeral-storage': '64Mi' });
    expect(v['prometheus-node-exporter'].resources.limits).toEqual({ cpu: '100m', memory: '64Mi', 'ephemeral-storage': '1Gi' });
    const sidecar = { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } };
    const withScratch = { requests: { ...sidecar.requests, 'ephemeral-storage': '64Mi' }, limits: { ...sidecar.limits, 'ephemeral-storage': '1Gi' } };
    expect(v.grafana.sidecar.resources).toEqual(withScratch);
    // Operator flags (cpu and memory only) for the reloaders it adds to Prometheus and Alertmanager.
    expect(v.prometheusOperator.prometheusConfigReloader.resources).toEqual(sidecar);
    expect(v.prometheusOperator.admissionWebhooks.patch.resources).toEqual(withScratch);
  });

  it('protects multi-replica components with PDBs in prod and not in single-replica dev', () => {
    expect(prod.values.prometheus.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
    expect(prod.values.grafana.podDisruptionBudget).toEqual({ minAvailable: 1 });
    expect(dev.values.prometheus.podDisruptionBudget.enabled).toBe(false);
    expect(dev.values.grafana.podDisruptionBudget).toBeUndefined();
  });

  it('never lets the chart generate the Grafana admin password', () => {
    expect(prod.values.grafana.admin).toEqual({ existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(JSON.stringify(prod.values)).not.toMatch(/adminPassword/);
  });
});

describe('Gridata PrometheusRules', () => {
  // Ours, not the chart's default rules (hydrated beside them).
  const rules = prod.docs.filter((d) => d.object.kind === 'PrometheusRule' && d.object.metadata.name.startsWith('gridata-'));

  it('renders one rule object per alert group into dist/<env>/monitoring/', () => {
    expect(rules.map((r) => r.path).sort()).toEqual(ALERT_GROUPS.map((g) => `prod/monitoring/prometheusrule.monitoring.gridata-${g.name}.yaml`).sort());
  });

  it('gives every alert a severity, summary, description and a runbook link into this repo', () => {
    const alerts = rules.flatMap((r) => r.object.spec.groups.flatMap((g: { rules: unknown[] }) => g.rules)) as {
      alert: string;
      labels: Record<string, string>;
      annotations: Record<string, string>;
    }[];
    expect(alerts.map((a) => a.alert).sort()).toEqual(ALERT_GROUPS.flatMap((g) => g.alerts.map((a) => a.alert)).sort());
    for (const a of alerts) {
      expect(['critical', 'warning'], a.alert).toContain(a.labels.severity);
      expect(a.annotations.summary, a.alert).toBeTruthy();
      expect(a.annotations.description, a.alert).toBeTruthy();
      expect(a.annotations.runbook_url).toBe(`https://github.com/gridata/gridata/blob/main/${RUNBOOKS_PATH}#${a.alert.toLowerCase()}`);
    }
  });

  it('covers every alert the seed lists', () => {
    const names = ALERT_GROUPS.flatMap((g) => g.alerts.map((a) => a.alert));
    expect(names).toEqual(
      expect.arrayContaining([
        'AirflowDagRunFailed', 'AirflowSchedulerHeartbeatMissing', 'SparkApplicationFailed', 'ObjectStoreCapacityLow',
        'ObjectStoreNodesOffline', 'ObjectStoreDrivesOffline', 'VaultSealed', 'DataQualityCheckFailed', 'DataQualityChecksStale',
        'ArgoCdApplicationDegraded', 'ArgoCdApplicationOutOfSync',
      ]),
    );
  });

  it('has a runbook section in RUNBOOKS.md for every alert and none for alerts that do not exist', () => {
    const text = readFileSync(join(__dirname, '../../..', RUNBOOKS_PATH), 'utf8');
    const headings = [...text.matchAll(/^## (\S+)$/gm)].map((m) => m[1]).sort();
    expect(headings).toEqual(ALERT_GROUPS.flatMap((g) => g.alerts.map((a) => a.alert)).sort());
  });

  it('turns ssh and https repository URLs into a browsable base URL', () => {
    expect(repositoryWebUrl('git@github.com:gridata/gridata.git')).toBe('https://github.com/gridata/gridata');
    expect(repositoryWebUrl('https://github.com/gridata/gridata.git')).toBe('https://github.com/gridata/gridata');
  });
});

describe('scrape monitors and dashboards', () => {
  it('scrapes the Airflow statsd Service by the labels the Airflow chart sets, on statsd-scrape', () => {
    const sm = prod.docs.find((d) => d.object.kind === 'ServiceMonitor' && d.object.metadata.name === 'airflow-statsd')!.object;
    expect(sm.spec.namespaceSelector).toEqual({ matchNames: ['airflow'] });
    expect(sm.spec.selector.matchLabels).toEqual({ tier: 'airflow', component: 'statsd', release: 'airflow' });
    expect(sm.spec.endpoints).toEqual([{ port: 'statsd-scrape', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }]);
  });

  it('ships three dashboards as ConfigMaps labelled grafana_dashboard "1" holding valid dashboard JSON', () => {
    // Ours; the chart's default dashboards are hydrated beside them.
    const maps = prod.docs.filter((d) => d.object.kind === 'ConfigMap' && d.object.metadata.labels?.grafana_dashboard === '1' && d.object.metadata.name.startsWith('dashboard-gridata-'));
    expect(maps.map((m) => m.object.metadata.name).sort()).toEqual([
      'dashboard-gridata-data-quality',
      'dashboard-gridata-pipelines',
      'dashboard-gridata-platform-health',
    ]);
    for (const m of maps) {
      const [file, json] = Object.entries(m.object.data as Record<string, string>)[0]!;
      const dashboard = JSON.parse(json);
      expect(file).toBe(`${dashboard.uid}.json`);
      expect(m.object.metadata.annotations.grafana_folder).toBe('Gridata');
      expect(dashboard.panels.length).toBeGreaterThanOrEqual(5);
      const ids = dashboard.panels.map((p: { id: number }) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of dashboard.panels) {
        expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
        expect(p.targets.length).toBeGreaterThan(0);
      }
    }
  });

  it('is not rendered when monitoring is disabled', () => {
    const env = { ...loadEnvironment('dev'), features: { ...loadEnvironment('dev').features, monitoring: false } };
    const files = renderEnvironment(env, COMPONENTS.filter((c) => !c.dependsOn.includes('monitoring')));
    expect([...files.keys()].some((p) => p.startsWith('dev/monitoring/'))).toBe(false);
  });
});
