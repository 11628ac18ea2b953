import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { KPS_RELEASE, MONITORING_NAMESPACE } from './constants';
import { renderDashboards } from './dashboards';
import { renderPrometheusRules } from './prometheus-rules';
import { renderCoreDnsMonitor, renderScrapeMonitors } from './scrape-monitors';
import { postRenderMonitoring } from './post-render';
import { kubePrometheusStackValues } from './values';
import { alertReceiversSecret, grafanaAdminSecret } from './vault-consumers';
import { monitoringFlows } from './flows';

export const KUBE_PROMETHEUS_STACK_REPO = 'https://prometheus-community.github.io/helm-charts';

export const monitoringComponent: ComponentDefinition = {
  id: 'monitoring',
  description: 'kube-prometheus-stack with Gridata alert rules, scrape monitors and Grafana dashboards',
  namespace: MONITORING_NAMESPACE,
  project: 'observability',
  dependsOn: ['namespaces'],
  // The Prometheus operator CRDs exceed the client-side apply annotation limit.
  serverSideApply: true,
  enabled: (env) => env.features.monitoring,
  version: (env) => chartVersion(env, 'monitoring'),
  render: (scope, { env }) => {
    renderPrometheusRules(scope, env);
    renderScrapeMonitors(scope);
    renderCoreDnsMonitor(scope);
    renderDashboards(scope);
  },
  helm: ({ env }) => ({
    repoURL: KUBE_PROMETHEUS_STACK_REPO,
    chart: 'kube-prometheus-stack',
    version: chartVersion(env, 'monitoring'),
    releaseName: KPS_RELEASE,
    values: kubePrometheusStackValues(env),
    postRender: postRenderMonitoring,
  }),
  vaultConsumers: (env) => [grafanaAdminSecret(env), alertReceiversSecret(env)],
  flows: monitoringFlows,
};
