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
import { grafanaOidcSecret } from './sso';
import { renderUiIngress } from '../shared/ui-ingress';
import { renderCertManagerMonitor } from './scrape-monitors';

export const KUBE_PROMETHEUS_STACK_REPO = 'https://prometheus-community.github.io/helm-charts';

export const monitoringComponent: ComponentDefinition = {
  id: 'monitoring',
  description: 'kube-prometheus-stack with Gridata alert rules, scrape monitors and Grafana dashboards',
  namespace: MONITORING_NAMESPACE,
  project: 'observability',
  // cert-manager: the Certificate of Grafana's Ingress (its controller is scraped by our ServiceMonitor, not its chart's).
  dependsOn: ['namespaces', 'cert-manager'],
  // The Prometheus operator CRDs exceed the client-side apply annotation limit.
  serverSideApply: true,
  enabled: (env) => env.features.monitoring,
  version: (env) => chartVersion(env, 'monitoring'),
  render: (scope, { env }) => {
    renderPrometheusRules(scope, env);
    renderScrapeMonitors(scope);
    renderCoreDnsMonitor(scope);
    renderDashboards(scope);
    renderCertManagerMonitor(scope);
    renderUiIngress(scope, env, { ui: 'grafana', namespace: MONITORING_NAMESPACE, service: `${KPS_RELEASE}-grafana`, servicePort: 80 });
  },
  helm: ({ env }) => ({
    repoURL: KUBE_PROMETHEUS_STACK_REPO,
    chart: 'kube-prometheus-stack',
    version: chartVersion(env, 'monitoring'),
    releaseName: KPS_RELEASE,
    values: kubePrometheusStackValues(env),
    postRender: postRenderMonitoring,
  }),
  vaultConsumers: (env) => [grafanaAdminSecret(env), alertReceiversSecret(env), grafanaOidcSecret(env)],
  flows: monitoringFlows,
};
