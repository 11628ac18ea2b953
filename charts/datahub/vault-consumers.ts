// DataHub's Vault consumers:
// - synced: every Secret the two charts reference by name (MySQL passwords, the token service's
//   signing key and salt, the system client secret, the encryption key, the frontend secrets),
//   so neither chart ever generates one;
// - agent: the ingestion CronJobs (pre-populate-only: they must finish) get the object-store keys
//   of DataHub's read-only user, the catalog principal's OAuth credential (Iceberg only) and the
//   ingestion token for GMS, each rendered as `export NAME="value"` lines the container sources.
import type { Environment } from '../../environments/types';
import { icebergPrincipalPath, objectStoreUserPath, OBJECT_STORE_ACCESS_KEY_FIELD, OBJECT_STORE_SECRET_KEY_FIELD } from '../shared/endpoints';
import { envFileTemplate, vaultPath, type AgentSecret, type AgentWorkload, type SyncedSecret, type VaultConsumer } from '../shared/vault-secrets';
import { DATAHUB_NAMESPACE, DATAHUB_RELEASE, KAFKA_SECRET_KEYS, PREREQUISITES_RELEASE, SERVICE_ACCOUNTS, SYNCED_SECRETS } from './constants';
import { kafkaClusterId } from './prerequisites-values';

/** Environment variables the recipes reference as ${NAME}; values come only from the agent's files. */
export const RECIPE_ENV = {
  s3AccessKey: 'GRIDATA_S3_ACCESS_KEY_ID',
  s3SecretKey: 'GRIDATA_S3_SECRET_ACCESS_KEY',
  catalogClientId: 'GRIDATA_CATALOG_CLIENT_ID',
  catalogClientSecret: 'GRIDATA_CATALOG_CLIENT_SECRET',
  gmsToken: 'DATAHUB_GMS_TOKEN',
} as const;

/** Vault path of the GMS access token the ingestion jobs use (key `token`; created in the UI, runbook). */
export const ingestionTokenPath = (env: Pick<Environment, 'name'>) => vaultPath(env, 'datahub', 'ingestion-token');

export type IngestionIdentity = 'ingestionIceberg' | 'ingestionS3';

function ingestionSecrets(env: Environment, identity: IngestionIdentity): AgentSecret[] {
  const objectStore = objectStoreUserPath(env, 'datahub');
  const token = ingestionTokenPath(env);
  const secrets: AgentSecret[] = [
    {
      name: 'object-store',
      path: objectStore,
      template: envFileTemplate(objectStore, { [RECIPE_ENV.s3AccessKey]: OBJECT_STORE_ACCESS_KEY_FIELD, [RECIPE_ENV.s3SecretKey]: OBJECT_STORE_SECRET_KEY_FIELD }),
    },
    { name: 'gms-token', path: token, template: envFileTemplate(token, { [RECIPE_ENV.gmsToken]: 'token' }) },
  ];
  if (identity === 'ingestionIceberg') {
    const catalog = icebergPrincipalPath(env, 'datahub');
    secrets.push({
      name: 'catalog',
      path: catalog,
      template: envFileTemplate(catalog, { [RECIPE_ENV.catalogClientId]: 'clientId', [RECIPE_ENV.catalogClientSecret]: 'clientSecret' }),
    });
  }
  return secrets;
}

export function ingestionAgent(env: Environment, identity: IngestionIdentity): AgentWorkload {
  return {
    kind: 'agent',
    identity: { namespace: DATAHUB_NAMESPACE, serviceAccount: SERVICE_ACCOUNTS[identity] },
    terminates: true,
    secrets: ingestionSecrets(env, identity),
  };
}

const RESTART = {
  app: [
    { kind: 'Deployment' as const, name: `${DATAHUB_RELEASE}-datahub-gms` },
    { kind: 'Deployment' as const, name: `${DATAHUB_RELEASE}-datahub-frontend` },
    { kind: 'Deployment' as const, name: `${DATAHUB_RELEASE}-acryl-datahub-actions` },
  ],
  frontend: [{ kind: 'Deployment' as const, name: `${DATAHUB_RELEASE}-datahub-frontend` }],
};

export function datahubSyncedSecrets(env: Environment): SyncedSecret[] {
  const synced = (
    s: (typeof SYNCED_SECRETS)[keyof typeof SYNCED_SECRETS],
    restart: SyncedSecret['rolloutRestartTargets'],
    templates?: SyncedSecret['templates'],
  ): SyncedSecret => ({
    kind: 'synced',
    namespace: DATAHUB_NAMESPACE,
    secretName: s.secretName,
    path: vaultPath(env, 'datahub', s.vaultName),
    rolloutRestartTargets: restart,
    ...(templates ? { templates } : {}),
  });
  return [
    // MySQL reads its passwords only when it initialises its volume; GMS reconnects with the new one.
    synced(SYNCED_SECRETS.mysql, RESTART.app),
    synced(SYNCED_SECRETS.auth, RESTART.app),
    synced(SYNCED_SECRETS.encryption, RESTART.app),
    synced(SYNCED_SECRETS.frontend, RESTART.frontend),
    synced(SYNCED_SECRETS.frontendUsers, RESTART.frontend),
    synced(SYNCED_SECRETS.oidc, RESTART.frontend),
    // The controller password from Vault; the cluster id is a constant of the environment.
    synced(SYNCED_SECRETS.kafka, [{ kind: 'StatefulSet', name: `${PREREQUISITES_RELEASE}-kafka-controller` }], {
      [KAFKA_SECRET_KEYS.controllerPassword]: `{{ get .Secrets "${KAFKA_SECRET_KEYS.controllerPassword}" }}`,
      [KAFKA_SECRET_KEYS.clusterId]: kafkaClusterId(env),
    }),
  ];
}

/** DataHub's consumers; contributed only where the datahub component is enabled. */
export function datahubVaultConsumers(env: Environment): VaultConsumer[] {
  return [...datahubSyncedSecrets(env), ingestionAgent(env, 'ingestionIceberg'), ingestionAgent(env, 'ingestionS3')];
}
