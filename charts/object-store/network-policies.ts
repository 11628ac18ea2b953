// Only the object store's consumers reach the S3 port; peers talk to each other; servers and the
// provisioner reach Vault (agent and CLI); the provisioner reaches the servers.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { ICEBERG_CATALOG_NAMESPACE, OBJECT_STORE_NAMESPACE, OBJECT_STORE_PORT, SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { LABEL, selectorLabels } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { VAULT_SERVER_POD_LABELS } from '../vault/network-policies';
import { SNAPSHOT_SUBJECT } from '../vault/raft-snapshot';
import { VAULT_API_PORT } from '../vault/server-config';
import { PROVISIONER_SUBJECT } from './provisioning-job';
import { SERVER_SUBJECT } from './server';

/** Namespaces whose pods use the S3 API (the Postgres clusters in airflow and iceberg-catalog back up here). */
export function consumerNamespaces(env: Environment): string[] {
  return [
    SPARK_JOBS_NAMESPACE,
    'airflow',
    ICEBERG_CATALOG_NAMESPACE,
    ...(env.features.datahub ? ['datahub'] : []),
    ...(env.features.monitoring ? ['monitoring'] : []),
  ].sort();
}

export function renderNetworkPolicies(scope: Construct, env: Environment): void {
  const server = selectorLabels(env.name, SERVER_SUBJECT);
  const provisioner = selectorLabels(env.name, PROVISIONER_SUBJECT);
  const labels = { [LABEL.name]: 'minio', [LABEL.component]: 'network-policy' };
  const toVault = { to: [namespacePeer(VAULT_NAMESPACE, VAULT_SERVER_POD_LABELS)], ports: tcpPorts(VAULT_API_PORT) };

  new KubeNetworkPolicy(scope, 'netpol-server', {
    metadata: { name: 'minio-server', namespace: OBJECT_STORE_NAMESPACE, labels },
    spec: {
      podSelector: { matchLabels: server },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: consumerNamespaces(env).map((ns) => namespacePeer(ns)), ports: tcpPorts(OBJECT_STORE_PORT) },
        { from: [{ podSelector: { matchLabels: server } }, { podSelector: { matchLabels: provisioner } }], ports: tcpPorts(OBJECT_STORE_PORT) },
        // The Vault raft snapshot CronJob uploads to the archive bucket.
        { from: [namespacePeer(VAULT_NAMESPACE, selectorLabels(env.name, SNAPSHOT_SUBJECT))], ports: tcpPorts(OBJECT_STORE_PORT) },
      ],
      egress: [{ to: [{ podSelector: { matchLabels: server } }], ports: tcpPorts(OBJECT_STORE_PORT) }, toVault],
    },
  });
  new KubeNetworkPolicy(scope, 'netpol-provisioner', {
    metadata: { name: 'minio-provisioner', namespace: OBJECT_STORE_NAMESPACE, labels },
    spec: {
      podSelector: { matchLabels: provisioner },
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: server } }], ports: tcpPorts(OBJECT_STORE_PORT) }, toVault],
    },
  });
}
