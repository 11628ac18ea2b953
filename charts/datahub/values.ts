// Values for the `datahub` chart (1.1.0, DataHub v1.7.0): token authentication on, every secret a
// VSO-synced Secret referenced by name, connections to the prerequisites release, replicas and
// resources from the environment file, Prometheus metrics with the chart's GMS ServiceMonitor, and
// no UI-managed ingestion (our CronJobs ingest; the chart also refuses several GMS replicas with it).
import type { Environment } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { valuesResources } from '../shared/resources';
import {
  FRONTEND_USER_PROPS,
  MYSQL_DATABASE,
  MYSQL_USER,
  PORTS,
  SERVICES,
  SERVICE_ACCOUNTS,
  SYNCED_SECRETS,
} from './constants';

/** Label every pod of the datahub release carries (the system-update Jobs get no other labels). */
export const APP_POD_LABEL = { 'gridata.io/datahub-tier': 'app' } as const;
const SKIP_DRY_RUN = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' };
const FRONTEND_USERS_VOLUME = 'frontend-users';

/** DataHub server and ingestion CLI are released together: one pin (the ingestion image tag) drives both. */
export function datahubVersion(env: Environment): string {
  return pinnedImage(env, 'datahub', 'ingestion').tag;
}

const serviceAccount = (name: string) => ({ create: true, name });

/** When DataHub's own garbage collection ingestion runs (cron, UTC). */
export const DATAHUB_GC_SCHEDULE = '0 2 * * *';

export function datahubValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.datahub;
  const systemUpdate = valuesResources(sizing.systemUpdate);
  const auth = SYNCED_SECRETS.auth;
  return {
    global: {
      podLabels: { ...APP_POD_LABEL },
      graph_service_impl: 'elasticsearch',
      datahub_standalone_consumers_enabled: false,
      elasticsearch: { host: SERVICES.opensearch, port: String(PORTS.opensearch), useSSL: 'false' },
      kafka: {
        bootstrap: { server: `${SERVICES.kafka}:${PORTS.kafka}` },
        // GMS serves the schema registry itself: no Confluent registry to run.
        schemaregistry: { type: 'INTERNAL' },
      },
      sql: {
        datasource: {
          host: `${SERVICES.mysql}:${PORTS.mysql}`,
          hostForMysqlClient: SERVICES.mysql,
          port: String(PORTS.mysql),
          url: `jdbc:mysql://${SERVICES.mysql}:${PORTS.mysql}/${MYSQL_DATABASE}?verifyServerCertificate=false&useSSL=true&useUnicode=yes&characterEncoding=UTF-8&enabledTLSProtocols=TLSv1.2`,
          driver: 'com.mysql.cj.jdbc.Driver',
          // The application user the prerequisites chart creates, never root.
          username: MYSQL_USER,
          password: { secretRef: SYNCED_SECRETS.mysql.secretName, secretKey: 'mysql-password' },
        },
      },
      datahub: {
        version: datahubVersion(env),
        monitoring: { enablePrometheus: env.features.monitoring },
        managed_ingestion: { enabled: false },
        metadata_service_authentication: {
          enabled: true,
          systemClientId: '__datahub_system',
          systemClientSecret: { secretRef: auth.secretName, secretKey: 'system_client_secret' },
          tokenService: {
            signingKey: { secretRef: auth.secretName, secretKey: 'token_service_signing_key' },
            salt: { secretRef: auth.secretName, secretKey: 'token_service_salt' },
          },
          provisionSecrets: { enabled: false, autoGenerate: false },
        },
        encryptionKey: {
          secretRef: SYNCED_SECRETS.encryption.secretName,
          secretKey: 'encryption_key_secret',
          provisionSecret: { enabled: false, autoGenerate: false },
        },
      },
    },
    'datahub-gms': {
      replicaCount: sizing.gms.replicas,
      resources: valuesResources(sizing.gms),
      serviceAccount: serviceAccount(SERVICE_ACCOUNTS.gms),
      service: { type: 'ClusterIP' },
      serviceMonitor: { create: env.features.monitoring, annotations: SKIP_DRY_RUN },
    },
    'datahub-frontend': {
      replicaCount: sizing.frontend.replicas,
      resources: valuesResources(sizing.frontend),
      serviceAccount: serviceAccount(SERVICE_ACCOUNTS.frontend),
      service: { type: 'ClusterIP' },
      existingGmsSecret: { name: SYNCED_SECRETS.frontend.secretName, key: 'gms_secret' },
      // The image's built-in user.props holds a public default password: replace it from Vault.
      extraVolumes: [{ name: FRONTEND_USERS_VOLUME, secret: { secretName: SYNCED_SECRETS.frontendUsers.secretName } }],
      extraVolumeMounts: [{ name: FRONTEND_USERS_VOLUME, mountPath: FRONTEND_USER_PROPS, subPath: 'user.props', readOnly: true }],
    },
    'acryl-datahub-actions': {
      enabled: true,
      replicaCount: sizing.actions.replicas,
      resources: valuesResources(sizing.actions),
      serviceAccount: serviceAccount(SERVICE_ACCOUNTS.actions),
    },
    // Runs the index/schema upgrade before GMS rolls (Argo CD maps its Helm hooks to PreSync/PostSync).
    datahubSystemUpdate: {
      resources: systemUpdate,
      nonblocking: { enabled: true },
      // Without a schedule the chart draws the GC ingestion's cron time with randNumeric and `now`
      // on every render (and a revision hash of it): fixed inside the chart's 18:00–05:00 window.
      bootstrapMCPs: { datahubGC: { values: { schedule: { interval: DATAHUB_GC_SCHEDULE } } } },
    },
    'datahub-ingestion-cron': { enabled: false },
    elasticsearchSetupJob: { enabled: false },
    kafkaSetupJob: { enabled: false },
    mysqlSetupJob: { enabled: false },
    postgresqlSetupJob: { enabled: false },
    datahubUpgrade: { enabled: false },
  };
}
