// Names shared by the cert-manager component's files and the components whose certificates it issues.
import type { Environment } from '../../environments/types';

export const CERT_MANAGER_NAMESPACE = 'cert-manager';
export const CERT_MANAGER_RELEASE = 'cert-manager';
export const JETSTACK_HELM_REPO = 'https://charts.jetstack.io';

/** Bootstraps the platform CA: signs only the CA certificate below. */
export const SELF_SIGNED_ISSUER = 'gridata-self-signed';
/** The platform CA (its key never leaves cert-manager's namespace): Vault's listener and, with `privateCA`, the UIs. */
export const PLATFORM_CA_ISSUER = 'gridata-platform-ca';
/** Secret (in cert-manager's namespace) holding the platform CA's certificate and key. */
export const PLATFORM_CA_SECRET = 'gridata-platform-ca';
/** The ACME ClusterIssuer (ingress.issuer.acme). */
export const ACME_ISSUER = 'gridata-acme';
/** The Route53 keys of the ACME DNS-01 solver, synced from Vault by VSO. */
export const ROUTE53_SECRET = 'gridata-route53';

/** The ClusterIssuer of the UI certificates of an environment (ingress.issuer). */
export function uiIssuer(env: Environment): string {
  return env.ingress.issuer === 'privateCA' ? PLATFORM_CA_ISSUER : ACME_ISSUER;
}

/** Pod labels the chart puts on each of its Deployments' pods. */
export const CERT_MANAGER_POD_LABELS = {
  controller: { 'app.kubernetes.io/name': 'cert-manager', 'app.kubernetes.io/instance': CERT_MANAGER_RELEASE, 'app.kubernetes.io/component': 'controller' },
  webhook: { 'app.kubernetes.io/name': 'webhook', 'app.kubernetes.io/instance': CERT_MANAGER_RELEASE, 'app.kubernetes.io/component': 'webhook' },
  cainjector: { 'app.kubernetes.io/name': 'cainjector', 'app.kubernetes.io/instance': CERT_MANAGER_RELEASE, 'app.kubernetes.io/component': 'cainjector' },
} as const;
