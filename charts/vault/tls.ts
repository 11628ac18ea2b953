// The certificate of Vault's listener (API 8200; the cluster port 8201 uses Vault's own
// raft-managed certificates): issued by the platform CA (charts/cert-manager/issuers.ts) for every
// name clients and raft peers use, mounted into the server pods from its Secret.
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { PLATFORM_CA_ISSUER } from '../cert-manager/constants';
import { CA_KEY, VAULT_SERVER_TLS_SECRET } from '../shared/vault-tls';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { VAULT_RELEASE } from './server-config';

/** Where the server pods mount the Secret (the chart's userconfig convention). */
export const VAULT_TLS_DIR = `/vault/userconfig/${VAULT_SERVER_TLS_SECRET}`;
export const VAULT_TLS_CERT = `${VAULT_TLS_DIR}/tls.crt`;
export const VAULT_TLS_KEY = `${VAULT_TLS_DIR}/tls.key`;
export const VAULT_TLS_CA = `${VAULT_TLS_DIR}/${CA_KEY}`;

/** Service names (short, namespaced, svc, cluster.local) and every pod behind the headless Service. */
export function vaultServerDnsNames(): string[] {
  const services = [VAULT_RELEASE, `${VAULT_RELEASE}-active`, `${VAULT_RELEASE}-standby`, `${VAULT_RELEASE}-ui`];
  const forms = (name: string) => [name, `${name}.${VAULT_NAMESPACE}`, `${name}.${VAULT_NAMESPACE}.svc`, `${name}.${VAULT_NAMESPACE}.svc.cluster.local`];
  return [...services.flatMap(forms), ...forms(`*.${VAULT_RELEASE}-internal`), 'localhost'];
}

export function renderServerCertificate(scope: Construct): void {
  new ApiObject(scope, 'server-tls', {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: VAULT_SERVER_TLS_SECRET, namespace: VAULT_NAMESPACE },
    spec: {
      secretName: VAULT_SERVER_TLS_SECRET,
      commonName: `${VAULT_RELEASE}.${VAULT_NAMESPACE}.svc`,
      dnsNames: vaultServerDnsNames(),
      // The chart's in-pod CLI (readiness `vault status`) and VAULT_ADDR use 127.0.0.1.
      ipAddresses: ['127.0.0.1'],
      usages: ['server auth', 'client auth'],
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: PLATFORM_CA_ISSUER },
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  });
}
