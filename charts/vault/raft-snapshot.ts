// Raft snapshots (issue #11, "Vault hardened"): a CronJob in the vault namespace logs in with its own
// ServiceAccount (Kubernetes auth, role vault-vault-snapshot), saves a snapshot with the vault CLI in
// an init container and uploads it with mc to gridata-archive/vault-snapshots/<env>/ as the
// object-store user `vault-snapshot` (write only below that prefix). Where the environment names an
// off-cluster store (`postgres.offClusterBackups`, prod), the same file also goes to
// <bucket>/vault-snapshots/<env>/ there over HTTPS, with keys of its own from Vault (decision 0042).
// Its Vault client declaration grants read on sys/storage/raft/snapshot and on those keys, nothing else.
import type { Construct } from 'constructs';
import { KubeConfigMap, KubeCronJob, KubeServiceAccount, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { BUCKETS, S3_ENDPOINT, VAULT_SNAPSHOT_PREFIX, objectStoreUserPath } from '../shared/endpoints';
import { imageRef, pinnedImage } from '../shared/images';
import { mcContainer } from '../object-store/mc-container';
import { LABEL, selectorLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { containerResources } from '../shared/resources';
import { OFF_CLUSTER_KEYS } from '../postgres/clusters';
import {
  VAULT_KUBERNETES_AUTH_MOUNT,
  VAULT_KV_MOUNT,
  VAULT_NAMESPACE,
  VAULT_SERVICE_ADDRESS,
  VAULT_TOKEN_VOLUME,
  vaultPath,
  vaultRoleName,
  vaultTokenVolume,
  type VaultClient,
  type VaultIdentity,
} from '../shared/vault-secrets';
import { VAULT_CA_FILE, VAULT_SERVER_TLS_SECRET, vaultCaVolume, vaultCaVolumeMount } from '../shared/vault-tls';

export const SNAPSHOT_SUBJECT = { name: 'vault-raft-snapshot', component: 'backup' };
export const SNAPSHOT_IDENTITY: VaultIdentity = { namespace: VAULT_NAMESPACE, serviceAccount: 'vault-snapshot' };
export const SNAPSHOT_API_PATH = 'sys/storage/raft/snapshot';
export const SNAPSHOT_CONFIGMAP = 'vault-raft-snapshot';
/** Daily, off the hour most jobs start on. */
export const SNAPSHOT_SCHEDULE = '17 2 * * *';
const SCRIPTS_DIR = '/scripts';
const WORK_DIR = '/work';
const TOKEN_DIR = '/var/run/secrets/vault';

/** Where the snapshots of an environment land (bucket/prefix, no trailing slash). */
export const snapshotDestination = (env: Pick<Environment, 'name'>) => `${BUCKETS.archive}/${VAULT_SNAPSHOT_PREFIX}/${env.name}`;

/** The off-cluster copy's target: the environment's off-cluster store (decision 0042), or null. */
export interface OffsiteSnapshotTarget {
  readonly endpointURL: string;
  /** bucket/prefix, no trailing slash. */
  readonly destination: string;
  /** Vault path of its keys (`access-key-id`, `secret-access-key`), seeded by people. */
  readonly keysPath: string;
}

/**
 * Keys of their own (not postgres' `offsite-backup` ones): the cloud user behind them may only put
 * objects below vault-snapshots/<env>/, so neither job can touch the other's backups.
 */
export const offsiteSnapshotKeysPath = (env: Pick<Environment, 'name'>) => vaultPath(env, 'vault', 'offsite-snapshot');

export function offsiteSnapshotTarget(env: Environment): OffsiteSnapshotTarget | null {
  const store = env.postgres.offClusterBackups;
  if (!store) return null;
  return { endpointURL: store.endpointURL, destination: `${store.bucket}/${VAULT_SNAPSHOT_PREFIX}/${env.name}`, keysPath: offsiteSnapshotKeysPath(env) };
}

/** The CronJob's Vault client declaration: snapshot read and its upload keys, nothing else. */
export function snapshotAccess(env: Environment): VaultClient {
  const offsite = offsiteSnapshotTarget(env);
  return {
    kind: 'client',
    identity: SNAPSHOT_IDENTITY,
    purpose: offsite
      ? 'saves a raft snapshot and reads its upload keys to copy it to the archive bucket and the off-cluster store'
      : 'saves a raft snapshot and reads its own object-store keys to upload it to the archive bucket',
    paths: [
      { path: objectStoreUserPath(env, 'vault-snapshot'), capabilities: ['read'] },
      ...(offsite ? [{ path: offsite.keysPath, capabilities: ['read' as const] }] : []),
    ],
    apiPaths: [{ path: SNAPSHOT_API_PATH, capabilities: ['read'] }],
  };
}

export function snapshotScripts(env: Environment): Record<string, string> {
  const keys = objectStoreUserPath(env, 'vault-snapshot');
  const offsite = offsiteSnapshotTarget(env);
  const kvField = (path: string, field: string, file: string) => `vault kv get -mount=${VAULT_KV_MOUNT} -field=${field} ${path} > ${WORK_DIR}/${file}`;
  const alias = (name: string, url: string, accessKey: string, secretKey: string) =>
    `mc alias set ${name} ${url} "$(cat ${WORK_DIR}/${accessKey})" "$(cat ${WORK_DIR}/${secretKey})" --api S3v4 > /dev/null`;
  const targets = offsite
    ? `${snapshotDestination(env)}/ and, off-cluster over HTTPS, to ${offsite.destination}/ (write-only users)`
    : `${snapshotDestination(env)}/ (write-only user)`;
  return {
    'save.sh': [
      '#!/bin/sh',
      '# Saves a raft snapshot and fetches the upload keys into the pod-local work volume. Generated; do not edit.',
      'set -eu',
      'umask 077',
      `VAULT_TOKEN="$(vault write -field=token auth/${VAULT_KUBERNETES_AUTH_MOUNT}/login role=${vaultRoleName(SNAPSHOT_IDENTITY)} jwt=@${TOKEN_DIR}/token)"`,
      'export VAULT_TOKEN',
      `vault operator raft snapshot save ${WORK_DIR}/vault.snap`,
      kvField(keys, 'accessKey', 'access-key'),
      kvField(keys, 'secretKey', 'secret-key'),
      ...(offsite
        ? [kvField(offsite.keysPath, OFF_CLUSTER_KEYS.accessKeyId, 'offsite-access-key'), kvField(offsite.keysPath, OFF_CLUSTER_KEYS.secretAccessKey, 'offsite-secret-key')]
        : []),
      '',
    ].join('\n'),
    'upload.sh': [
      '#!/bin/sh',
      `# Uploads the snapshot to ${targets}. Generated; do not edit.`,
      'set -eu',
      // One name for every copy: the off-cluster object is the same snapshot as the archive's.
      'NAME="vault-$(date -u +%Y%m%dT%H%M%SZ).snap"',
      alias('archive', S3_ENDPOINT, 'access-key', 'secret-key'),
      `mc cp ${WORK_DIR}/vault.snap "archive/${snapshotDestination(env)}/$NAME"`,
      ...(offsite
        ? [
            // https:// only (the environment schema refuses anything else): mc verifies the store's certificate against the image's CA bundle.
            alias('offsite', offsite.endpointURL, 'offsite-access-key', 'offsite-secret-key'),
            `mc cp ${WORK_DIR}/vault.snap "offsite/${offsite.destination}/$NAME"`,
          ]
        : []),
      '',
    ].join('\n'),
  };
}

export function renderRaftSnapshots(scope: Construct, env: Environment): void {
  const labels = { [LABEL.name]: SNAPSHOT_SUBJECT.name, [LABEL.component]: SNAPSHOT_SUBJECT.component };
  const podLabels = selectorLabels(env.name, SNAPSHOT_SUBJECT);
  const resources = containerResources(env.sizing.vault.snapshot);

  new KubeServiceAccount(scope, 'snapshot-sa', {
    metadata: { name: SNAPSHOT_IDENTITY.serviceAccount, namespace: VAULT_NAMESPACE, labels },
    automountServiceAccountToken: false,
  });
  new KubeConfigMap(scope, 'snapshot-scripts', {
    metadata: { name: SNAPSHOT_CONFIGMAP, namespace: VAULT_NAMESPACE, labels },
    data: snapshotScripts(env),
  });

  const mounts = [
    { name: 'scripts', mountPath: SCRIPTS_DIR, readOnly: true },
    { name: 'work', mountPath: WORK_DIR },
    { name: 'tmp', mountPath: '/tmp' },
  ];
  new KubeCronJob(scope, 'snapshot', {
    metadata: { name: SNAPSHOT_SUBJECT.name, namespace: VAULT_NAMESPACE, labels },
    spec: {
      schedule: SNAPSHOT_SCHEDULE,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      // A run that cannot start within an hour is skipped; the next day's run takes over.
      startingDeadlineSeconds: 3600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 1800,
          template: {
            metadata: { labels: podLabels },
            spec: {
              serviceAccountName: SNAPSHOT_IDENTITY.serviceAccount,
              automountServiceAccountToken: false,
              restartPolicy: 'Never',
              securityContext: restrictedPodSecurityContext(),
              initContainers: [
                {
                  name: 'save',
                  image: imageRef(pinnedImage(env, 'tools', 'vault')),
                  // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
                  imagePullPolicy: 'Always',
                  command: ['/bin/sh', `${SCRIPTS_DIR}/save.sh`],
                  env: [
                    { name: 'VAULT_ADDR', value: VAULT_SERVICE_ADDRESS },
                    { name: 'VAULT_CACERT', value: VAULT_CA_FILE },
                    { name: 'HOME', value: '/tmp' },
                  ],
                  resources,
                  securityContext: restrictedContainerSecurityContext(),
                  volumeMounts: [...mounts, { name: VAULT_TOKEN_VOLUME, mountPath: TOKEN_DIR, readOnly: true }, vaultCaVolumeMount()],
                },
              ],
              containers: [
                mcContainer(env, { name: 'upload', script: `${SCRIPTS_DIR}/upload.sh`, resources, volumeMounts: mounts }),
              ],
              volumes: [
                { name: 'scripts', configMap: { name: SNAPSHOT_CONFIGMAP } },
                // The snapshot is about the size of the raft data: bounded by the Vault volume's size.
                { name: 'work', emptyDir: { sizeLimit: Quantity.fromString(env.storage.vault) } },
                { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: Quantity.fromString('16Mi') } },
                vaultTokenVolume(),
                // In Vault's namespace the CA comes from the server certificate's Secret.
                vaultCaVolume(VAULT_SERVER_TLS_SECRET),
              ],
            },
          },
        },
      },
    },
  });

}
