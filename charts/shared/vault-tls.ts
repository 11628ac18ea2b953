// Vault serves TLS on every listener with a certificate cert-manager issues from the platform CA
// (charts/vault/tls.ts). Its clients trust that CA:
// - in Vault's namespace, from the server certificate's own Secret (its `ca.crt`);
// - elsewhere, from a `vault-ca` Secret: a Certificate issued by the same CA into the client's
//   namespace, whose Secret cert-manager fills with the issuing CA as `ca.crt` (only that key is
//   mounted or referenced). trust-manager would distribute the CA alone, but it is not in the chart
//   mirror; this needs nothing beyond cert-manager;
// - injected agents, from the injector (AGENT_INJECT_VAULT_CACERT_BYTES, charts/vault/post-render.ts).
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Volume, VolumeMount } from 'cdk8s-plus-28/lib/imports/k8s';
import { PLATFORM_CA_ISSUER } from '../cert-manager/constants';

/** The server certificate's Secret in Vault's namespace (tls.crt, tls.key, ca.crt). */
export const VAULT_SERVER_TLS_SECRET = 'vault-server-tls';
/** The CA Secret of Vault's clients outside its namespace. */
export const VAULT_CA_SECRET = 'vault-ca';
export const CA_KEY = 'ca.crt';
/** Where clients mount the CA (not under /vault: the agents own /vault/secrets). */
export const VAULT_CA_DIR = '/etc/gridata/vault-ca';
export const VAULT_CA_FILE = `${VAULT_CA_DIR}/${CA_KEY}`;
export const VAULT_CA_VOLUME = 'vault-ca';

/** The Certificate whose Secret `vault-ca` carries the platform CA into `namespace`. */
export function renderVaultCaTrust(scope: Construct, namespace: string, labels: Record<string, string> = {}): void {
  new ApiObject(scope, `vault-ca-${namespace}`, {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: VAULT_CA_SECRET, namespace, ...(Object.keys(labels).length ? { labels } : {}) },
    spec: {
      secretName: VAULT_CA_SECRET,
      // A client certificate nobody presents (Vault asks for none): issued only for the CA it carries.
      commonName: `vault-ca.${namespace}`,
      usages: ['client auth'],
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: PLATFORM_CA_ISSUER },
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  });
}

/** A volume with the CA only: `vault-ca` outside Vault's namespace, the server certificate's Secret inside it. */
export function vaultCaVolume(secretName: string = VAULT_CA_SECRET): Volume {
  return { name: VAULT_CA_VOLUME, secret: { secretName, items: [{ key: CA_KEY, path: CA_KEY }] } };
}

export function vaultCaVolumeMount(): VolumeMount {
  return { name: VAULT_CA_VOLUME, mountPath: VAULT_CA_DIR, readOnly: true };
}
