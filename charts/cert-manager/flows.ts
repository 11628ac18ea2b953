// Flows of cert-manager: its three Deployments call the API server; the API server calls the
// webhook (conversion, validation, mutation); with an ACME issuer the controller talks to the ACME
// server and writes DNS-01 records through the Route53 API (both from network.*); Prometheus scrapes
// the controller. DNS-01 self-checks go to the cluster DNS only (values.ts), the namespace baseline.
import type { Environment } from '../../environments/types';
import { external, kubeApiServer, tcp, toKubeApiServer, workload, type Flow } from '../shared/flows';
import { scrapedBy } from '../monitoring/flows';
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_POD_LABELS } from './constants';

const C = 'cert-manager';
export const certManagerController = () => workload(C, CERT_MANAGER_NAMESPACE, 'cert-manager-controller', CERT_MANAGER_POD_LABELS.controller);
export const certManagerWebhook = () => workload(C, CERT_MANAGER_NAMESPACE, 'cert-manager-webhook', CERT_MANAGER_POD_LABELS.webhook);
export const certManagerCainjector = () => workload(C, CERT_MANAGER_NAMESPACE, 'cert-manager-cainjector', CERT_MANAGER_POD_LABELS.cainjector);

export const PORTS = { webhook: 10250, controllerMetrics: 9402, https: 443 };

export function certManagerFlows(env: Environment): Flow[] {
  const flows: Flow[] = [
    toKubeApiServer(env, certManagerController(), 'The controller reconciles Certificates, issuers and their Secrets'),
    toKubeApiServer(env, certManagerWebhook(), 'The webhook reads its serving certificate Secret and reviews SubjectAccessReviews'),
    toKubeApiServer(env, certManagerCainjector(), 'The CA injector writes CA bundles into webhook configurations and CRDs'),
    tcp(kubeApiServer(env), certManagerWebhook(), PORTS.webhook, "The API server calls cert-manager's conversion, validating and mutating webhooks"),
    ...scrapedBy(env, certManagerController(), PORTS.controllerMetrics, 'the cert-manager controller'),
  ];
  if (env.ingress.issuer !== 'privateCA') {
    // Required by the environment loader with an ACME issuer.
    flows.push(
      tcp(certManagerController(), external('acme-server', env.network.acmeServer!), PORTS.https, 'The controller orders certificates from the ACME server'),
      tcp(certManagerController(), external('dns-api', env.network.dnsApi!), PORTS.https, 'The controller writes the DNS-01 challenge records through the Route53 API'),
    );
  }
  return flows;
}
