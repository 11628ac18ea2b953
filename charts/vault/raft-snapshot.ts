// Raft snapshots (issue #11, "Vault hardened"): a CronJob in the vault namespace logs in with its own
// ServiceAccount (Kubernetes auth, role vault-vault-snapshot), saves a snapshot with the vault CLI in
// an init container and uploads it with mc to gridata-archive/vault-snapshots/<env>/ as the
// object-store user `vault-snapshot` (write only below that prefix). Its Vault client declaration
// grants read on sys/storage/raft/snapshot and on its own object-store keys, nothing else.
import type { Construct } from 'constructs';
import { KubeConfigMap, KubeCronJob, KubeServiceAccount, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { BUCKETS, S3_ENDPOINT, VAULT_SNAPSHOT_PREFIX, objectStoreUserPath } from '../shared/endpoints';
import { imageRef, pinnedImage } from '../shared/images';
import { LABEL, selectorLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { containerResources } from '../shared/resources';
import {
  VAULT_KUBERNETES_AUTH_MOUNT,
  VAULT_KV_MOUNT,
  VAULT_NAMESPACE,
  VAULT_SERVICE_ADDRESS,
  VAULT_TOKEN_VOLUME,
  vaultRoleName,
  vaultTokenVolume,
  type VaultClient,
  type VaultIdentity,
} from '../shared/vault-secrets';

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

/** The CronJob's Vault client declaration: snapshot read and its own object-store keys, nothing else. */
export function snapshotAccess(env: Environment): VaultClient {
  return {
    kind: 'client',
    identity: SNAPSHOT_IDENTITY,
    purpose: 'saves a raft snapshot and reads its own object-store keys to upload it to the archive bucket',
    paths: [{ path: objectStoreUserPath(env, 'vault-snapshot'), capabilities: ['read'] }],
    apiPaths: [{ path: SNAPSHOT_API_PATH, capabilities: ['read'] }],
  };
}

export function snapshotScripts(env: Environment): Record<string, string> {
  const keys = objectStoreUserPath(env, 'vault-snapshot');
  return {
    'save.sh': [
      '#!/bin/sh',
      '# Saves a raft snapshot and fetches the upload keys into the pod-local work volume. Generated; do not edit.',
      'set -eu',
      'umask 077',
      `VAULT_TOKEN="$(vault write -field=token auth/${VAULT_KUBERNETES_AUTH_MOUNT}/login role=${vaultRoleName(SNAPSHOT_IDENTITY)} jwt=@${TOKEN_DIR}/token)"`,
      'export VAULT_TOKEN',
      `vault operator raft snapshot save ${WORK_DIR}/vault.snap`,
      `vault kv get -mount=${VAULT_KV_MOUNT} -field=accessKey ${keys} > ${WORK_DIR}/access-key`,
      `vault kv get -mount=${VAULT_KV_MOUNT} -field=secretKey ${keys} > ${WORK_DIR}/secret-key`,
      '',
    ].join('\n'),
    'upload.sh': [
      '#!/bin/sh',
      `# Uploads the snapshot to ${snapshotDestination(env)}/ (write-only user). Generated; do not edit.`,
      'set -eu',
      `mc alias set archive ${S3_ENDPOINT} "$(cat ${WORK_DIR}/access-key)" "$(cat ${WORK_DIR}/secret-key)" --api S3v4 > /dev/null`,
      `mc cp ${WORK_DIR}/vault.snap "archive/${snapshotDestination(env)}/vault-$(date -u +%Y%m%dT%H%M%SZ).snap"`,
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
                    { name: 'HOME', value: '/tmp' },
                  ],
                  resources,
                  securityContext: restrictedContainerSecurityContext(),
                  volumeMounts: [...mounts, { name: VAULT_TOKEN_VOLUME, mountPath: TOKEN_DIR, readOnly: true }],
                },
              ],
              containers: [
                {
                  name: 'upload',
                  image: imageRef(pinnedImage(env, 'objectStore', 'mc')),
                  // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
                  imagePullPolicy: 'Always',
                  command: ['/bin/sh', `${SCRIPTS_DIR}/upload.sh`],
                  env: [
                    { name: 'MC_CONFIG_DIR', value: '/tmp/mc' },
                    { name: 'HOME', value: '/tmp' },
                  ],
                  resources,
                  securityContext: restrictedContainerSecurityContext(),
                  volumeMounts: mounts,
                },
              ],
              volumes: [
                { name: 'scripts', configMap: { name: SNAPSHOT_CONFIGMAP } },
                // The snapshot is about the size of the raft data: bounded by the Vault volume's size.
                { name: 'work', emptyDir: { sizeLimit: Quantity.fromString(env.storage.vault) } },
                { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: Quantity.fromString('16Mi') } },
                vaultTokenVolume(),
              ],
            },
          },
        },
      },
    },
  });

}
