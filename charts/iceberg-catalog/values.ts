// Values for the upstream Apache Polaris chart: relational-jdbc persistence on the CloudNativePG
// catalog DB, object-store keys from a VSO-synced Secret, sizing from the environment file.
import { zoneSpread } from '../shared/topology';
import type { Environment } from '../../environments/types';
import { ICEBERG_CATALOG_SERVICE, s3Region } from '../shared/endpoints';
import { pinnedImage } from '../shared/images';
import { valuesResourcesWithScratch } from '../shared/resources';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';

export const POLARIS_RELEASE = ICEBERG_CATALOG_SERVICE;
export const POLARIS_REALM = 'gridata';
export const PERSISTENCE_SECRET = 'polaris-persistence';
export const STORAGE_SECRET = 'polaris-storage';
export const POLARIS_SERVICE_ACCOUNT = 'polaris';
/** UID of the `apache/polaris` image's non-root user. */
const POLARIS_UID = 10000;
export const POLARIS_POD_LABELS = { 'app.kubernetes.io/name': 'polaris', 'app.kubernetes.io/instance': POLARIS_RELEASE };

export function polarisValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.icebergCatalog.polaris;
  const replicas = sizing.replicas ?? 1;
  const image = pinnedImage(env, 'icebergCatalog', 'polaris');
  return {
    replicaCount: replicas,
    image: { repository: image.repository, tag: image.tag, pullPolicy: 'Always' },
    serviceAccount: { create: true, name: POLARIS_SERVICE_ACCOUNT },
    // Quarkus writes temporary files to /tmp, the chart's own emptyDir (temp-dir): the ephemeral-storage
    // limit bounds it (a second /tmp mount of ours would be a duplicate mountPath the API server refuses).
    resources: valuesResourcesWithScratch(sizing),
    podSecurityContext: restrictedPodSecurityContext(POLARIS_UID),
    // The chart's key for the container is containerSecurityContext (`securityContext` is read by nothing).
    containerSecurityContext: restrictedContainerSecurityContext(),
    affinity:
      replicas > 1
        ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: POLARIS_POD_LABELS }, topologyKey: 'kubernetes.io/hostname' }] } }
        : {},
    // The chart fills in its own selector labels (templates/deployment.yaml), so none are given here.
    ...(zoneSpread(env, replicas).length ? { topologySpreadConstraints: zoneSpread(env, replicas) } : {}),
    podDisruptionBudget: replicas > 1 ? { enabled: true, maxUnavailable: 1 } : { enabled: false },
    autoscaling: { enabled: false },
    realmContext: { realms: [POLARIS_REALM] },
    persistence: {
      type: 'relational-jdbc',
      relationalJdbc: { secret: { name: PERSISTENCE_SECRET, username: 'username', password: 'password', jdbcUrl: 'jdbcUrl' } },
    },
    storage: { secret: { name: STORAGE_SECRET, awsAccessKeyId: 'awsAccessKeyId', awsSecretAccessKey: 'awsSecretAccessKey' } },
    extraEnv: [{ name: 'AWS_REGION', value: s3Region(env) }],
    advancedConfig: { 'quarkus.datasource.jdbc.max-size': '20', 'quarkus.datasource.jdbc.min-size': '2' },
    metrics: { enabled: true },
    serviceMonitor: { enabled: env.features.monitoring },
  };
}
