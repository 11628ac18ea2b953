// Flows of Vault: raft peers talk to each other, the servers call the API server (TokenReview for
// Kubernetes auth) and, with KMS auto-unseal, the KMS endpoint and their credential source (STS with
// a ServiceAccount role, else the instance metadata service); the API server calls the agent
// injector's webhook; the raft snapshot CronJob reads from Vault and writes to the object store.
// Vault clients declare their own flows to the server (`toVault`).
import type { Environment } from '../../environments/types';
import { external, kubeApiServer, tcp, toKubeApiServer, workload, type Flow, type WorkloadEndpoint } from '../shared/flows';
import { selectorLabels } from '../shared/labels';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { OBJECT_STORE_PORT } from '../shared/endpoints';
import { minioServer } from '../object-store/flows';
import { scrapedBy } from '../monitoring/flows';
import { INJECTOR_POD_LABELS, VAULT_SERVER_POD_LABELS } from './network-policies';
import { SNAPSHOT_SUBJECT } from './raft-snapshot';
import { VAULT_API_PORT, VAULT_CLUSTER_PORT } from './server-config';

const C = 'vault';
export const vaultServer = () => workload(C, VAULT_NAMESPACE, 'vault-server', VAULT_SERVER_POD_LABELS);
export const vaultInjector = () => workload(C, VAULT_NAMESPACE, 'vault-agent-injector', INJECTOR_POD_LABELS);
export const raftSnapshot = (env: Environment) => workload(C, VAULT_NAMESPACE, 'vault-raft-snapshot', selectorLabels(env.name, SNAPSHOT_SUBJECT));
export const INJECTOR_PORT = 8080;

/** `from` calls the Vault API. */
export function toVault(from: WorkloadEndpoint, reason: string): Flow {
  return tcp(from, vaultServer(), VAULT_API_PORT, reason);
}

export function vaultFlows(env: Environment): Flow[] {
  const flows: Flow[] = [
    tcp(vaultServer(), vaultServer(), VAULT_API_PORT, 'Standbys forward requests to the active server'),
    tcp(vaultServer(), vaultServer(), VAULT_CLUSTER_PORT, 'Raft replication and request forwarding between servers'),
    toKubeApiServer(env, vaultServer(), 'Kubernetes auth reviews service account tokens (TokenReview)'),
    tcp(kubeApiServer(env), vaultInjector(), INJECTOR_PORT, "The API server calls the agent injector's mutating webhook"),
    toKubeApiServer(env, vaultInjector(), 'The injector watches its webhook configuration and certificates'),
    toVault(raftSnapshot(env), 'The snapshot CronJob logs in and takes a raft snapshot'),
    tcp(raftSnapshot(env), minioServer(env), OBJECT_STORE_PORT, 'The snapshot CronJob uploads to the archive bucket'),
    ...scrapedBy(env, vaultServer(), VAULT_API_PORT, "Vault's telemetry endpoint"),
  ];
  const kms = env.vault.autoUnseal?.awskms;
  if (kms) {
    const net = env.network;
    if (!net.kms) throw new Error(`${env.name}: network.kms is required with vault.autoUnseal.awskms`);
    flows.push(tcp(vaultServer(), external('kms', net.kms), 443, 'Auto-unseal decrypts the root key with AWS KMS'));
    if (kms.serviceAccountRoleArn) {
      if (!net.sts) throw new Error(`${env.name}: network.sts is required with vault.autoUnseal.awskms.serviceAccountRoleArn`);
      flows.push(tcp(vaultServer(), external('sts', net.sts), 443, "KMS credentials: the ServiceAccount's role through STS (web identity)"));
    } else {
      if (!net.instanceMetadata) throw new Error(`${env.name}: network.instanceMetadata is required with vault.autoUnseal.awskms without serviceAccountRoleArn`);
      flows.push(tcp(vaultServer(), external('instance-metadata', net.instanceMetadata), 80, "KMS credentials: the node's instance role from the metadata service"));
    }
  }
  return flows;
}
