// Everything Vault Secrets Operator needs in the namespaces that declared `synced` secrets: a
// ServiceAccount VSO logs in as, a VaultConnection and a VaultAuth bound to that namespace's role,
// and one VaultStaticSecret per Kubernetes Secret an upstream chart references by name.
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { KubeServiceAccount } from 'cdk8s-plus-28/lib/imports/k8s';
import { LABEL } from '../shared/labels';
import {
  VAULT_AUDIENCE,
  VAULT_KUBERNETES_AUTH_MOUNT,
  VAULT_KV_MOUNT,
  VAULT_SERVICE_ADDRESS,
  VSO_AUTH_NAME,
  VSO_AUTH_SERVICE_ACCOUNT,
  identityOf,
  vaultRoleName,
  type OwnedConsumer,
  type SyncedSecret,
} from '../shared/vault-secrets';
import { VAULT_CA_SECRET, renderVaultCaTrust } from '../shared/vault-tls';

export const VSO_API_VERSION = 'secrets.hashicorp.com/v1beta1';
/** How often VSO re-reads a static secret from Vault. */
export const REFRESH_AFTER = '60s';

/** The `synced` consumers among `consumers` (ctx.vaultConsumers). */
export function syncedSecrets(consumers: readonly OwnedConsumer[]): SyncedSecret[] {
  return consumers
    .map(({ consumer }) => consumer)
    .filter((c): c is SyncedSecret => c.kind === 'synced');
}

export function renderSyncedSecrets(scope: Construct, consumers: readonly OwnedConsumer[]): void {
  const secrets = syncedSecrets(consumers);
  const labels = (component: string) => ({ [LABEL.name]: 'vault-secrets-operator', [LABEL.component]: component });
  const namespaces = [...new Set(secrets.map((s) => s.namespace))].sort();
  for (const namespace of namespaces) {
    new KubeServiceAccount(scope, `${namespace}-auth-sa`, {
      metadata: { name: VSO_AUTH_SERVICE_ACCOUNT, namespace, labels: labels('auth') },
      // VSO requests tokens for this account through the TokenRequest API; no pod mounts one.
      automountServiceAccountToken: false,
    });
    new ApiObject(scope, `${namespace}-connection`, {
      apiVersion: VSO_API_VERSION,
      kind: 'VaultConnection',
      metadata: { name: VSO_AUTH_NAME, namespace, labels: labels('connection') },
      // Verified against the platform CA: the `vault-ca` Secret of this namespace (key ca.crt), rendered below.
      spec: { address: VAULT_SERVICE_ADDRESS, skipTLSVerify: false, caCertSecretRef: VAULT_CA_SECRET },
    });
    renderVaultCaTrust(scope, namespace, labels('vault-ca'));
    new ApiObject(scope, `${namespace}-auth`, {
      apiVersion: VSO_API_VERSION,
      kind: 'VaultAuth',
      metadata: { name: VSO_AUTH_NAME, namespace, labels: labels('auth') },
      spec: {
        vaultConnectionRef: VSO_AUTH_NAME,
        method: 'kubernetes',
        mount: VAULT_KUBERNETES_AUTH_MOUNT,
        kubernetes: {
          role: vaultRoleName({ namespace, serviceAccount: VSO_AUTH_SERVICE_ACCOUNT }),
          serviceAccount: VSO_AUTH_SERVICE_ACCOUNT,
          audiences: [VAULT_AUDIENCE],
          tokenExpirationSeconds: 600,
        },
      },
    });
  }
  for (const secret of [...secrets].sort((a, b) => `${a.namespace}/${a.secretName}`.localeCompare(`${b.namespace}/${b.secretName}`))) {
    const identity = identityOf(secret);
    new ApiObject(scope, `${secret.namespace}-${secret.secretName}`, {
      apiVersion: VSO_API_VERSION,
      kind: 'VaultStaticSecret',
      metadata: { name: secret.secretName, namespace: identity.namespace, labels: labels('static-secret') },
      spec: {
        vaultAuthRef: VSO_AUTH_NAME,
        mount: VAULT_KV_MOUNT,
        type: 'kv-v2',
        path: secret.path,
        refreshAfter: REFRESH_AFTER,
        hmacSecretData: true,
        destination: {
          name: secret.secretName,
          create: true,
          overwrite: false,
          ...(secret.secretType ? { type: secret.secretType } : {}),
          ...(secret.labels ? { labels: { ...secret.labels } } : {}),
          transformation: {
            excludeRaw: true,
            ...(secret.templates
              ? { excludes: ['.*'], templates: Object.fromEntries(Object.entries(secret.templates).map(([key, text]) => [key, { text }])) }
              : {}),
          },
        },
        ...(secret.rolloutRestartTargets?.length ? { rolloutRestartTargets: secret.rolloutRestartTargets.map((t) => ({ ...t })) } : {}),
      },
    });
  }
}
