import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { certManagerPostRender } from './post-render';
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_RELEASE, JETSTACK_HELM_REPO } from './constants';
import { certManagerFlows } from './flows';
import { renderIssuers } from './issuers';
import { certManagerValues } from './values';
import { route53Secret } from './vault-consumers';

const caBundle = (kind: string, name: string) => ({
  group: 'admissionregistration.k8s.io',
  kind,
  name,
  jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
});

export const certManagerComponent: ComponentDefinition = {
  id: 'cert-manager',
  description: 'cert-manager and its CRDs, the platform CA and the ClusterIssuers of the environment file',
  namespace: CERT_MANAGER_NAMESPACE,
  project: 'platform',
  // Before every component with a Certificate; its metrics are scraped by monitoring's ServiceMonitor
  // (charts/monitoring/scrape-monitors.ts), so it need not wait for monitoring's CRDs.
  dependsOn: ['namespaces'],
  // The Certificate and ClusterIssuer CRDs exceed the client-side apply annotation limit.
  serverSideApply: true,
  version: (env) => chartVersion(env, 'certManager'),
  render: (scope, { env }) => renderIssuers(scope, env),
  helm: ({ env }) => ({
    repoURL: JETSTACK_HELM_REPO,
    chart: 'cert-manager',
    version: chartVersion(env, 'certManager'),
    releaseName: CERT_MANAGER_RELEASE,
    values: certManagerValues(env),
    // Pod tokens stated on the pods, and no HTTP-01 solver write rights (post-render.ts).
    postRender: certManagerPostRender,
  }),
  // The CA injector writes the webhook's CA into its webhook configurations.
  ignoreDifferences: [
    caBundle('MutatingWebhookConfiguration', 'cert-manager-webhook'),
    caBundle('ValidatingWebhookConfiguration', 'cert-manager-webhook'),
  ],
  vaultConsumers: route53Secret,
  flows: certManagerFlows,
};
