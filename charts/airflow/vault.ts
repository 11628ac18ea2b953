// Airflow's Vault consumers:
// - synced: the Secrets the chart needs by name (fernet, API secret, JWT, metadata connection);
// - client: every component's VaultBackend reads connections/variables under <env>/airflow/;
// - agent: task pods (pre-populate-only), the triggerer and the API server get the object-store
//   keys as an AWS shared-credentials file (S3 sensors defer to the triggerer; remote task logs
//   are written by task pods and read by the API server).
import type { Environment } from '../../environments/types';
import { objectStoreUserPath, OBJECT_STORE_ACCESS_KEY_FIELD, OBJECT_STORE_SECRET_KEY_FIELD } from '../shared/endpoints';
import {
  kvDataPath,
  vaultAgentAnnotations,
  vaultAgentSecurityAnnotations,
  vaultPath,
  type AgentWorkload,
  type SyncedSecret,
  type VaultClient,
  type VaultConsumer,
} from '../shared/vault-secrets';
import { ownerCredentialsPath, postgresCluster, POSTGRES_PORT, rwService } from '../postgres/clusters';
import { AIRFLOW_NAMESPACE, METADATA_DB_CLUSTER, METADATA_DB_NAMESPACE, METADATA_DB_POOLER, SERVICE_ACCOUNTS, SYNCED_SECRETS, type AirflowIdentity } from './constants';

export const OBJECT_STORE_SECRET = 'object-store';
/** File the agent renders; boto3 reads it through AWS_SHARED_CREDENTIALS_FILE. */
export const AWS_CREDENTIALS_FILE = `/vault/secrets/${OBJECT_STORE_SECRET}`;

export const connectionsPath = (env: Environment) => vaultPath(env, 'airflow', 'connections');
export const variablesPath = (env: Environment) => vaultPath(env, 'airflow', 'variables');

function awsCredentialsTemplate(env: Environment): string {
  return [
    `{{- with secret "${kvDataPath(objectStoreUserPath(env, 'airflow'))}" -}}`,
    '[default]',
    `aws_access_key_id = {{ .Data.data.${OBJECT_STORE_ACCESS_KEY_FIELD} }}`,
    `aws_secret_access_key = {{ .Data.data.${OBJECT_STORE_SECRET_KEY_FIELD} }}`,
    '{{- end }}',
    '',
  ].join('\n');
}

export function objectStoreAgent(env: Environment, identity: 'worker' | 'triggerer' | 'apiServer'): AgentWorkload {
  return {
    kind: 'agent',
    identity: { namespace: AIRFLOW_NAMESPACE, serviceAccount: SERVICE_ACCOUNTS[identity] },
    // Task pods must finish: init container only. The others run for good, so the agent stays to renew.
    terminates: identity === 'worker',
    secrets: [{ name: OBJECT_STORE_SECRET, path: objectStoreUserPath(env, 'airflow'), template: awsCredentialsTemplate(env) }],
  };
}

/** The injector annotations an Airflow agent pod must carry, exactly as the injector has to read them. */
export function airflowAgentAnnotations(env: Environment, identity: 'worker' | 'triggerer' | 'apiServer'): Record<string, string> {
  return { ...vaultAgentAnnotations(objectStoreAgent(env, identity)), ...vaultAgentSecurityAnnotations() };
}

export function secretsBackendClient(env: Environment, identity: AirflowIdentity): VaultClient {
  return {
    kind: 'client',
    identity: { namespace: AIRFLOW_NAMESPACE, serviceAccount: SERVICE_ACCOUNTS[identity] },
    purpose: 'Airflow VaultBackend: connections and variables looked up by id',
    paths: [
      { path: `${connectionsPath(env)}/*`, capabilities: ['read'] },
      { path: `${variablesPath(env)}/*`, capabilities: ['read'] },
    ],
  };
}

const RESTART_ON_CHANGE = [
  { kind: 'Deployment', name: 'airflow-scheduler' },
  { kind: 'Deployment', name: 'airflow-api-server' },
] as const;

/** The metadata connection, composed by VSO from the DB owner's credentials (seeded for CNPG). */
export function metadataConnectionSecret(env: Environment): SyncedSecret {
  const cluster = postgresCluster(METADATA_DB_CLUSTER);
  const host = env.features.pgbouncer ? `${METADATA_DB_POOLER}.${METADATA_DB_NAMESPACE}.svc` : rwService(cluster);
  return {
    kind: 'synced',
    namespace: AIRFLOW_NAMESPACE,
    secretName: SYNCED_SECRETS.metadataDb.secretName,
    path: ownerCredentialsPath(env, cluster),
    templates: {
      [SYNCED_SECRETS.metadataDb.key]:
        `postgresql://{{ get .Secrets "username" | urlquery }}:{{ get .Secrets "password" | urlquery }}@${host}:${POSTGRES_PORT}/${cluster.database}?sslmode=require`,
    },
    rolloutRestartTargets: RESTART_ON_CHANGE,
  };
}

export function airflowVaultConsumers(env: Environment): VaultConsumer[] {
  const keys = [SYNCED_SECRETS.fernet, SYNCED_SECRETS.apiSecretKey, SYNCED_SECRETS.jwt];
  const synced: VaultConsumer[] = [
    ...keys.map((s): SyncedSecret => ({
      kind: 'synced',
      namespace: AIRFLOW_NAMESPACE,
      secretName: s.secretName,
      path: vaultPath(env, 'airflow', s.vaultName),
      rolloutRestartTargets: RESTART_ON_CHANGE,
    })),
    metadataConnectionSecret(env),
  ];
  const clients = (Object.keys(SERVICE_ACCOUNTS) as AirflowIdentity[]).map((id) => secretsBackendClient(env, id));
  const agents = (['worker', 'triggerer', 'apiServer'] as const).map((id) => objectStoreAgent(env, id));
  return [...synced, ...clients, ...agents];
}
