// Flows of the object store: MinIO servers talk to each other (distributed mode) and their Vault
// agents log in; the provisioning Job reaches Vault and the servers. Clients declare their own
// flows to the S3 port (`toObjectStore`).
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_NAMESPACE, OBJECT_STORE_PORT } from '../shared/endpoints';
import { tcp, workload, type Flow, type WorkloadEndpoint } from '../shared/flows';
import { selectorLabels } from '../shared/labels';
import { scrapedBy } from '../monitoring/flows';
import { toVault } from '../vault/flows';
import { PROVISIONER_SUBJECT } from './provisioning-job';
import { SERVER_SUBJECT } from './server';

const C = 'object-store';
export const minioServer = (env: Environment) => workload(C, OBJECT_STORE_NAMESPACE, 'minio-server', selectorLabels(env.name, SERVER_SUBJECT));
export const minioProvisioner = (env: Environment) => workload(C, OBJECT_STORE_NAMESPACE, 'minio-provisioner', selectorLabels(env.name, PROVISIONER_SUBJECT));

/** `from` uses the S3 API. */
export function toObjectStore(env: Environment, from: WorkloadEndpoint, reason: string): Flow {
  return tcp(from, minioServer(env), OBJECT_STORE_PORT, reason);
}

export function objectStoreFlows(env: Environment): Flow[] {
  return [
    toObjectStore(env, minioServer(env), 'MinIO servers form one distributed cluster'),
    toVault(minioServer(env), "The servers' Vault agent reads the root credentials"),
    toObjectStore(env, minioProvisioner(env), 'The provisioning Job creates buckets, users and policies'),
    toVault(minioProvisioner(env), 'The provisioning Job reads and writes the per-service keys'),
    ...scrapedBy(env, minioServer(env), OBJECT_STORE_PORT, 'MinIO metrics'),
  ];
}
