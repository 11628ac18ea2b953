// Values for the `datahub` chart (1.1.0, DataHub v1.7.0): token authentication on, every secret a
// VSO-synced Secret referenced by name, connections to the prerequisites release, replicas and
// resources from the environment file, Prometheus metrics with the chart's GMS ServiceMonitor, and
// no UI-managed ingestion (our CronJobs ingest; the chart also refuses several GMS replicas with it).
import type { Environment, Workload } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { valuesResources } from '../shared/resources';
import {
  FRONTEND_PODS,
  FRONTEND_USER_PROPS,
  GMS_PODS,
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

/** The `datahub` user (uid and gid) of the DataHub images, the chart's default too: their files belong to it. */
export const DATAHUB_UID = 1000;

/**
 * Scratch of the DataHub JVM services: Jetty unpacks the GMS war into /tmp, and every image rolls
 * its log files under /tmp/datahub/logs (100MB files, debug logs kept for a day). More than the
 * platform-wide EPHEMERAL_STORAGE, which fits images that only write small temporary files.
 */
export const DATAHUB_SCRATCH = { request: '256Mi', limit: '4Gi' } as const;

/** Resources from the environment file plus the DataHub scratch bound. */
export function datahubResources(workload: Workload): { requests: Record<string, string>; limits: Record<string, string> } {
  const { requests, limits } = valuesResources(workload);
  return { requests: { ...requests, 'ephemeral-storage': DATAHUB_SCRATCH.request }, limits: { ...limits, 'ephemeral-storage': DATAHUB_SCRATCH.limit } };
}

const podSecurityContext = () => restrictedPodSecurityContext(DATAHUB_UID);
/** Restricted; read-only root where the image writes only under /tmp (an emptyDir). */
const securityContext = (readOnlyRootFilesystem: boolean) => ({
  ...restrictedContainerSecurityContext({ readOnlyRootFilesystem }),
  runAsUser: DATAHUB_UID,
  runAsGroup: DATAHUB_UID,
});
const TMP_VOLUME = { name: 'tmp', emptyDir: { sizeLimit: DATAHUB_SCRATCH.limit } };
const TMP_MOUNT = { name: 'tmp', mountPath: '/tmp' };
// Always: a pod only starts with an image its pull credentials can still fetch (a cheap manifest HEAD).
const PULL = { pullPolicy: 'Always' } as const;

/** One replica per node where a workload runs several (the chart has no spread values of its own). */
function spreadOverNodes(replicas: number | undefined, pods: Record<string, string>): Record<string, unknown> {
  if ((replicas ?? 1) < 2) return {};
  return { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { ...pods } }, topologyKey: 'kubernetes.io/hostname' }] } };
}

/** When DataHub's own garbage collection ingestion runs (cron, UTC). */
export const DATAHUB_GC_SCHEDULE = '0 2 * * *';

export function datahubValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.datahub;
  const systemUpdate = datahubResources(sizing.systemUpdate);
  const auth = SYNCED_SECRETS.auth;
  return {
    global: {
      podLabels: { ...APP_POD_LABEL },
      // datahub-gms's values.yaml ships an example global.hostAliases that points broker, mysql,
      // elasticsearch and neo4j at 192.168.0.104 in the GMS pod: none.
      hostAliases: [],
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
      image: PULL,
      resources: datahubResources(sizing.gms),
      podSecurityContext: podSecurityContext(),
      securityContext: securityContext(true),
      extraVolumes: [TMP_VOLUME],
      extraVolumeMounts: [TMP_MOUNT],
      affinity: spreadOverNodes(sizing.gms.replicas, GMS_PODS),
      serviceAccount: serviceAccount(SERVICE_ACCOUNTS.gms),
      service: { type: 'ClusterIP' },
      serviceMonitor: { create: env.features.monitoring, annotations: SKIP_DRY_RUN },
    },
    'datahub-frontend': {
      replicaCount: sizing.frontend.replicas,
      image: PULL,
      resources: datahubResources(sizing.frontend),
      podSecurityContext: podSecurityContext(),
      // start.sh's user.props rewrite under conf/ fails harmlessly (no `set -e`; ours is mounted read-only
      // anyway); Play's pid file goes to /dev/null; logs and temporary files go to /tmp.
      securityContext: securityContext(true),
      affinity: spreadOverNodes(sizing.frontend.replicas, FRONTEND_PODS),
      serviceAccount: serviceAccount(SERVICE_ACCOUNTS.frontend),
      service: { type: 'ClusterIP' },
      existingGmsSecret: { name: SYNCED_SECRETS.frontend.secretName, key: 'gms_secret' },
      // The image's built-in user.props holds a public default password: replace it from Vault.
      extraVolumes: [{ name: FRONTEND_USERS_VOLUME, secret: { secretName: SYNCED_SECRETS.frontendUsers.secretName } }, TMP_VOLUME],
      extraVolumeMounts: [{ name: FRONTEND_USERS_VOLUME, mountPath: FRONTEND_USER_PROPS, subPath: 'user.props', readOnly: true }, TMP_MOUNT],
    },
    'acryl-datahub-actions': {
      enabled: true,
      replicaCount: sizing.actions.replicas,
      image: PULL,
      resources: datahubResources(sizing.actions),
      podSecurityContext: podSecurityContext(),
      // Writable root: start.sh touches /tmp/datahub/logs/actions/actions.out, a directory the image
      // creates, which an emptyDir on /tmp would hide (policies/exemptions/datahub.ts).
      securityContext: securityContext(false),
      serviceAccount: serviceAccount(SERVICE_ACCOUNTS.actions),
    },
    // Runs the index/schema upgrade before GMS rolls (Argo CD maps its Helm hooks to PreSync/PostSync).
    datahubSystemUpdate: {
      image: PULL,
      resources: systemUpdate,
      podSecurityContext: podSecurityContext(),
      securityContext: securityContext(true),
      extraVolumes: [TMP_VOLUME],
      extraVolumeMounts: [TMP_MOUNT],
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
