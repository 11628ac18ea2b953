// MinIO servers: one in dev, four in distributed mode (erasure coded across pods) in staging/prod.
// Root credentials come from Vault as an env file MinIO reads itself (MINIO_CONFIG_ENV_FILE).
import type { Construct } from 'constructs';
import { IntOrString, KubePodDisruptionBudget, KubeService, KubeServiceAccount, KubeStatefulSet, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_NAMESPACE, OBJECT_STORE_PORT, OBJECT_STORE_SERVICE } from '../shared/endpoints';
import { imageRef, pinnedImage } from '../shared/images';
import { protectedAnnotations, RETAIN_VOLUMES } from '../shared/protection';
import { LABEL, selectorLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { containerResources } from '../shared/resources';
import { zoneSpread } from '../shared/topology';
import { vaultAgentAnnotations, vaultTokenVolume } from '../shared/vault-secrets';
import { MINIO_SERVICE_ACCOUNT, ROOT_CONFIG_FILE, minioServerSecrets } from './vault-consumers';

export const HEADLESS_SERVICE = 'minio-hl';
export const STATEFULSET = 'minio';
export const DATA_DIR = '/data';
export const SERVER_SUBJECT = { name: 'minio', component: 'server' };

export function serverReplicas(env: Environment): number {
  const replicas = env.sizing.objectStore.minio.replicas ?? 1;
  if (replicas !== 1 && replicas < 4) {
    throw new Error(`environments/${env.name}.yaml: /sizing/objectStore/minio/replicas: distributed MinIO needs 1 or at least 4 servers, found ${replicas}`);
  }
  return replicas;
}

/** `minio server` arguments: a local drive, or every pod's drive via MinIO's `{0...n}` expansion. */
export function serverArgs(replicas: number): string[] {
  const volumes =
    replicas === 1
      ? DATA_DIR
      : `http://${STATEFULSET}-{0...${replicas - 1}}.${HEADLESS_SERVICE}.${OBJECT_STORE_NAMESPACE}.svc.cluster.local${DATA_DIR}`;
  return ['server', volumes, '--address', `:${OBJECT_STORE_PORT}`, '--console-address', ':9001'];
}

export function renderServer(scope: Construct, env: Environment): void {
  const replicas = serverReplicas(env);
  const selector = selectorLabels(env.name, SERVER_SUBJECT);
  const labels = { [LABEL.name]: SERVER_SUBJECT.name, [LABEL.component]: SERVER_SUBJECT.component };
  const port = { name: 'api', port: OBJECT_STORE_PORT, targetPort: IntOrString.fromString('api'), protocol: 'TCP' };

  new KubeServiceAccount(scope, 'minio-sa', {
    metadata: { name: MINIO_SERVICE_ACCOUNT, namespace: OBJECT_STORE_NAMESPACE, labels },
    automountServiceAccountToken: false,
  });
  new KubeService(scope, 'minio-headless', {
    // Its own component label keeps the ServiceMonitor from scraping every pod twice.
    metadata: { name: HEADLESS_SERVICE, namespace: OBJECT_STORE_NAMESPACE, labels: { ...labels, [LABEL.component]: 'peers' } },
    // Peers must find each other before they are ready: distributed startup waits for all of them.
    spec: { clusterIp: 'None', publishNotReadyAddresses: true, selector, ports: [port] },
  });
  new KubeService(scope, 'minio-api', {
    metadata: { name: OBJECT_STORE_SERVICE, namespace: OBJECT_STORE_NAMESPACE, labels },
    spec: { type: 'ClusterIP', selector, ports: [port] },
  });

  const probe = (path: string, failureThreshold: number) => ({
    httpGet: { path, port: IntOrString.fromString('api'), scheme: 'HTTP' },
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold,
  });

  new KubeStatefulSet(scope, 'minio', {
    // The object store's data: never pruned, kept when the Application goes, volumes kept when it is deleted.
    metadata: { name: STATEFULSET, namespace: OBJECT_STORE_NAMESPACE, labels, annotations: protectedAnnotations() },
    spec: {
      serviceName: HEADLESS_SERVICE,
      persistentVolumeClaimRetentionPolicy: { ...RETAIN_VOLUMES },
      replicas,
      podManagementPolicy: 'Parallel',
      updateStrategy: { type: 'RollingUpdate' },
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: { ...selector }, annotations: vaultAgentAnnotations(minioServerSecrets(env)) },
        spec: {
          serviceAccountName: MINIO_SERVICE_ACCOUNT,
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurityContext(),
          affinity:
            replicas > 1
              ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: selector }, topologyKey: 'kubernetes.io/hostname' }] } }
              : undefined,
          topologySpreadConstraints: zoneSpread(env, replicas, selector).length ? zoneSpread(env, replicas, selector) : undefined,
          containers: [
            {
              name: 'minio',
              image: imageRef(pinnedImage(env, 'objectStore', 'minio')),
              // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
              imagePullPolicy: 'Always',
              args: serverArgs(replicas),
              env: [
                { name: 'MINIO_CONFIG_ENV_FILE', value: `/vault/secrets/${ROOT_CONFIG_FILE.replace('.', '-')}` },
                { name: 'MINIO_PROMETHEUS_AUTH_TYPE', value: 'public' },
                { name: 'MINIO_SITE_REGION', value: env.objectStore.region },
                { name: 'MINIO_BROWSER', value: 'off' },
                { name: 'HOME', value: '/tmp' },
              ],
              ports: [{ name: 'api', containerPort: OBJECT_STORE_PORT, protocol: 'TCP' }],
              resources: containerResources(env.sizing.objectStore.minio),
              securityContext: restrictedContainerSecurityContext(),
              startupProbe: probe('/minio/health/live', 30),
              livenessProbe: probe('/minio/health/live', 3),
              readinessProbe: probe('/minio/health/ready', 3),
              volumeMounts: [
                { name: 'data', mountPath: DATA_DIR },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [vaultTokenVolume(), { name: 'tmp', emptyDir: { sizeLimit: Quantity.fromString('64Mi') } }],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data', labels },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: Quantity.fromString(env.storage.minio) } } },
        },
      ],
    },
  });

  if (replicas > 1) {
    new KubePodDisruptionBudget(scope, 'minio-pdb', {
      metadata: { name: STATEFULSET, namespace: OBJECT_STORE_NAMESPACE, labels },
      // Erasure coding over 4 drives keeps serving reads and writes with one server down.
      spec: { maxUnavailable: IntOrString.fromNumber(1), selector: { matchLabels: selector } },
    });
  }
}
