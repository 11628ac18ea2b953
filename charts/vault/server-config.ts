// The Vault server configuration (HCL) the chart mounts: raft storage in every environment (dev
// too: persistent, never `-dev` mode), Kubernetes service registration, Prometheus telemetry and,
// where the environment file asks for it, an auto-unseal stanza. TLS on the listener (tls.ts).
import type { AutoUnseal, Environment } from '../../environments/types';
import { VAULT_TLS_CA, VAULT_TLS_CERT, VAULT_TLS_KEY } from './tls';

export const VAULT_RELEASE = 'vault';
export const VAULT_API_PORT = 8200;
export const VAULT_CLUSTER_PORT = 8201;
export const VAULT_DATA_PATH = '/vault/data';

/** Pod DNS names of the raft voters, through the chart's headless `<release>-internal` Service. */
export function raftPeers(replicas: number): string[] {
  return Array.from({ length: replicas }, (_, i) => `https://${VAULT_RELEASE}-${i}.${VAULT_RELEASE}-internal:${VAULT_API_PORT}`);
}

export function sealStanza(autoUnseal: AutoUnseal | null): string {
  if (!autoUnseal) return '';
  if (autoUnseal.awskms && autoUnseal.transit) throw new Error('vault.autoUnseal: configure exactly one of awskms or transit');
  if (autoUnseal.awskms) {
    // Credentials come from the pod's cloud identity (ServiceAccount annotation), never from here.
    return `seal "awskms" {\n  region     = "${autoUnseal.awskms.region}"\n  kms_key_id = "${autoUnseal.awskms.kmsKeyId}"\n}\n`;
  }
  if (autoUnseal.transit) {
    // The transit token is read from VAULT_TOKEN, provided out of band (runbook), never here.
    const t = autoUnseal.transit;
    return `seal "transit" {\n  address    = "${t.address}"\n  mount_path = "${t.mountPath}"\n  key_name   = "${t.keyName}"\n}\n`;
  }
  throw new Error('vault.autoUnseal: expected awskms or transit');
}

export function serverConfig(env: Environment, replicas: number): string {
  const retryJoin = replicas > 1 ? raftPeers(replicas).map((addr) => `  retry_join {\n    leader_api_addr     = "${addr}"\n    leader_ca_cert_file = "${VAULT_TLS_CA}"\n  }\n`).join('') : '';
  return [
    'ui = true',
    // Integrated storage memory-maps its files; mlock would need IPC_LOCK, which restricted pods drop.
    'disable_mlock = true',
    '',
    'listener "tcp" {',
    `  address         = "[::]:${VAULT_API_PORT}"`,
    `  cluster_address = "[::]:${VAULT_CLUSTER_PORT}"`,
    `  tls_cert_file   = "${VAULT_TLS_CERT}"`,
    `  tls_key_file    = "${VAULT_TLS_KEY}"`,
    '  tls_min_version = "tls12"',
    '  telemetry {',
    '    unauthenticated_metrics_access = true',
    '  }',
    '}',
    '',
    'storage "raft" {',
    `  path = "${VAULT_DATA_PATH}"`,
    ...(retryJoin ? [retryJoin.trimEnd()] : []),
    '}',
    '',
    'service_registration "kubernetes" {}',
    '',
    'telemetry {',
    '  prometheus_retention_time = "30s"',
    '  disable_hostname          = true',
    '}',
    '',
    sealStanza(env.vault.autoUnseal),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}
