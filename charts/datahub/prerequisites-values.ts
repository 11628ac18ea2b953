// Values for the `datahub-prerequisites` chart (0.3.0): OpenSearch (single node), Bitnami MySQL and
// single-pod KRaft Kafka, each sized and persisted from the environment file; MySQL's passwords
// come from the VSO-synced Secret, never from the chart. Neo4j, Elasticsearch, PostgreSQL and the
// Confluent charts stay off.
import type { Environment } from '../../environments/types';
import { createHash } from 'node:crypto';
import { protectedAnnotations } from '../shared/protection';
import { valuesResourcesWithScratch } from '../shared/resources';
import { pinnedImage } from '../shared/images';
import { restrictedContainerSecurityContext } from '../shared/pod-security';
import type { ImagePin } from '../../environments/types';
import { MYSQL_DATABASE, MYSQL_USER, PORTS, SYNCED_SECRETS } from './constants';
import { OPENSEARCH_UID } from './prerequisites-post-render';
import { datahubResources } from './values';

// Always: a pod only starts with an image its pull credentials can still fetch (a cheap manifest HEAD).
const PULL_ALWAYS = 'Always';

/** A Bitnami chart's image keys: the registry apart from the repository. */
function bitnamiImage(pin: ImagePin) {
  const [registry, ...rest] = pin.repository.split('/');
  return { registry, repository: rest.join('/'), tag: pin.tag, pullPolicy: PULL_ALWAYS };
}

/** The Bitnami images' user (uid 1001; the volumes' group 1001 through fsGroup). */
export const BITNAMI_UID = 1001;
const RUNTIME_DEFAULT = { type: 'RuntimeDefault' } as const;

/**
 * The KRaft cluster id of an environment's Kafka: 16 bytes as unpadded base64url (Kafka's Uuid
 * format, 22 characters), derived from the environment name so every render gives the same one.
 * It is no secret; it only has to stay what the volumes were formatted with.
 */
export function kafkaClusterId(env: Pick<Environment, 'name'>): string {
  return createHash('sha256').update(`gridata/${env.name}/datahub-kafka`).digest().subarray(0, 16).toString('base64url');
}

/** JVM heap at half the container's memory limit (OpenSearch's own guidance), in MiB. */
export function opensearchHeap(limit: string): string {
  const match = /^(\d+)(Mi|Gi)$/.exec(limit);
  if (!match) throw new Error(`opensearch memory limit "${limit}": expected <n>Mi or <n>Gi`);
  const mebibytes = Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
  const heap = Math.floor(mebibytes / 2);
  return `-Xms${heap}m -Xmx${heap}m`;
}

export function prerequisitesValues(env: Environment): Record<string, unknown> {
  const { opensearch, kafka, mysql, prerequisitesInit } = env.sizing.datahub;
  const init = valuesResourcesWithScratch(prerequisitesInit);
  const restricted = (uid: number) => ({ ...restrictedContainerSecurityContext(), runAsUser: uid });
  return {
    opensearch: {
      enabled: true,
      image: { repository: pinnedImage(env, 'datahub', 'opensearch').repository, tag: pinnedImage(env, 'datahub', 'opensearch').tag, pullPolicy: PULL_ALWAYS },
      singleNode: (opensearch.replicas ?? 1) === 1,
      replicas: opensearch.replicas ?? 1,
      // Logs roll under /usr/share/opensearch/logs in the writable layer: the DataHub scratch bound.
      resources: datahubResources(opensearch),
      podSecurityContext: { fsGroup: OPENSEARCH_UID, runAsUser: OPENSEARCH_UID, runAsGroup: OPENSEARCH_UID, runAsNonRoot: true, seccompProfile: RUNTIME_DEFAULT },
      // Writable root: OpenSearch writes its logs, keystore and plugin state under /usr/share/opensearch
      // (policies/exemptions/datahub-prerequisites.ts).
      securityContext: { ...restricted(OPENSEARCH_UID), runAsGroup: OPENSEARCH_UID, readOnlyRootFilesystem: false },
      // Liveness on the transport port, readiness (the chart's) on HTTP: a node that stops serving
      // search is taken out of the Service; one whose cluster port is dead is restarted.
      livenessProbe: { tcpSocket: { port: PORTS.opensearchTransport }, initialDelaySeconds: 10, periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 10 },
      opensearchJavaOpts: opensearchHeap(opensearch.resources.limits.memory),
      // No busybox:latest chown init container running as root: the pod's fsGroup owns the volume.
      persistence: { enabled: true, size: env.storage.opensearch, enableInitChown: false },
      // The config-copy init container.
      initResources: init,
      // Kept on prune and on Application deletion (DataHub's search index).
      openSearchAnnotations: protectedAnnotations(),
    },
    elasticsearch: { enabled: false },
    neo4j: { enabled: false },
    postgresql: { enabled: false },
    'gcloud-sqlproxy': { enabled: false },
    'cp-helm-charts': { enabled: false },
    mysql: {
      enabled: true,
      image: bitnamiImage(pinnedImage(env, 'datahub', 'mysql')),
      // Bitnami charts annotate the StatefulSet only through commonAnnotations (every object of the release).
      commonAnnotations: protectedAnnotations(),
      auth: { existingSecret: SYNCED_SECRETS.mysql.secretName, database: MYSQL_DATABASE, username: MYSQL_USER },
      serviceAccount: { automountServiceAccountToken: false },
      primary: {
        // The chart renders "" (not a valid value; the API server defaults it): stated as that default,
        // so the immutable field does not change on live StatefulSets.
        podManagementPolicy: 'OrderedReady',
        resources: datahubResources(mysql),
        podSecurityContext: { enabled: true, fsGroup: BITNAMI_UID, seccompProfile: RUNTIME_DEFAULT },
        // Writable root: the image writes under /opt/bitnami/mysql (conf, tmp, logs) and chart 9.4.9
        // mounts no volumes there (policies/exemptions/datahub-prerequisites.ts).
        containerSecurityContext: { enabled: true, ...restricted(BITNAMI_UID), readOnlyRootFilesystem: false },
        // Liveness by TCP; readiness keeps the chart's `mysqladmin status` (it answers queries).
        customLivenessProbe: { tcpSocket: { port: 'mysql' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
        persistence: { enabled: true, size: env.storage.mysql },
      },
    },
    kafka: {
      enabled: true,
      image: bitnamiImage(pinnedImage(env, 'datahub', 'kafka')),
      commonAnnotations: protectedAnnotations(),
      // KRaft: the controller pods are also the brokers; no ZooKeeper. The cluster id and the
      // controller listener's SASL password come from the VSO-synced Secret: the chart would
      // generate both (Helm lookup/random) and Argo CD would see a new value on every render.
      kraft: { enabled: true, existingClusterIdSecret: SYNCED_SECRETS.kafka.secretName },
      sasl: { existingSecret: SYNCED_SECRETS.kafka.secretName },
      zookeeper: { enabled: false },
      controller: {
        replicaCount: kafka.replicas ?? 1,
        // Kafka's logs directory is an emptyDir the chart mounts: the DataHub scratch bound.
        resources: datahubResources(kafka),
        // Ready once the client listener accepts connections; live while the controller listener does.
        customReadinessProbe: { tcpSocket: { port: 'client' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
        persistence: { enabled: true, size: env.storage.kafka },
        initContainerResources: init,
      },
      broker: { replicaCount: 0 },
    },
  };
}
