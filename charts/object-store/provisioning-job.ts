// The idempotent provisioning Job (Argo CD PostSync hook): an init container with the vault CLI
// fetches (and, once, generates) credentials into a memory volume; the mc container applies
// buckets, lifecycle, versioning, users and policies. Inputs are a reviewable ConfigMap.
import type { Construct } from 'constructs';
import { KubeConfigMap, KubeJob, KubeServiceAccount, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_NAMESPACE, OBJECT_STORE_USERS } from '../shared/endpoints';
import { imageRef, pinnedImage } from '../shared/images';
import { mcContainer } from './mc-container';
import { LABEL, selectorLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { containerResources } from '../shared/resources';
import { VAULT_SERVICE_ADDRESS, VAULT_TOKEN_VOLUME, vaultTokenVolume } from '../shared/vault-secrets';
import { VAULT_CA_FILE, vaultCaVolume, vaultCaVolumeMount } from '../shared/vault-tls';
import { ACCESS_MATRIX, LIFECYCLE_EXPIRY_DAYS, lifecycleDocument, policyDocument } from './access-matrix';
import { CONFIG_DIR, TOKEN_DIR, WORK_DIR, lifecycleFile, policyFile, provisionScript, vaultKeysScript } from './provisioning-scripts';
import { PROVISIONER_SERVICE_ACCOUNT } from './vault-consumers';
import { POST_SYNC_HOOK_ANNOTATIONS } from '../shared/argocd-hooks';

export const PROVISIONER_SUBJECT = { name: 'minio', component: 'provisioner' };
export const PROVISIONING_CONFIGMAP = 'minio-provisioning';

export function provisioningData(env: Environment): Record<string, string> {
  const data: Record<string, string> = { 'vault-keys.sh': vaultKeysScript(env), 'provision.sh': provisionScript() };
  for (const user of OBJECT_STORE_USERS) data[policyFile(user)] = JSON.stringify(policyDocument(ACCESS_MATRIX[user]), null, 2) + '\n';
  for (const [bucket, days] of Object.entries(LIFECYCLE_EXPIRY_DAYS)) data[lifecycleFile(bucket)] = JSON.stringify(lifecycleDocument(days!), null, 2) + '\n';
  return data;
}

export function renderProvisioning(scope: Construct, env: Environment): void {
  const labels = { [LABEL.name]: PROVISIONER_SUBJECT.name, [LABEL.component]: PROVISIONER_SUBJECT.component };
  new KubeServiceAccount(scope, 'provisioner-sa', {
    metadata: { name: PROVISIONER_SERVICE_ACCOUNT, namespace: OBJECT_STORE_NAMESPACE, labels },
    automountServiceAccountToken: false,
  });
  new KubeConfigMap(scope, 'provisioning-config', {
    metadata: { name: PROVISIONING_CONFIGMAP, namespace: OBJECT_STORE_NAMESPACE, labels },
    data: provisioningData(env),
  });

  const resources = containerResources(env.sizing.objectStore.provisioner);
  const memoryVolume = (name: string) => ({ name, emptyDir: { medium: 'Memory', sizeLimit: Quantity.fromString('8Mi') } });
  new KubeJob(scope, 'provisioning-job', {
    metadata: {
      name: 'minio-provisioning',
      namespace: OBJECT_STORE_NAMESPACE,
      labels,
      annotations: { ...POST_SYNC_HOOK_ANNOTATIONS },
    },
    spec: {
      backoffLimit: 6,
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels: selectorLabels(env.name, PROVISIONER_SUBJECT) },
        spec: {
          serviceAccountName: PROVISIONER_SERVICE_ACCOUNT,
          automountServiceAccountToken: false,
          restartPolicy: 'Never',
          securityContext: restrictedPodSecurityContext(),
          initContainers: [
            {
              name: 'vault-credentials',
              image: imageRef(pinnedImage(env, 'tools', 'vault')),
              // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
              imagePullPolicy: 'Always',
              command: ['/bin/sh', `${CONFIG_DIR}/vault-keys.sh`],
              env: [
                { name: 'VAULT_ADDR', value: VAULT_SERVICE_ADDRESS },
                { name: 'VAULT_CACERT', value: VAULT_CA_FILE },
                { name: 'HOME', value: '/tmp' },
              ],
              resources,
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [
                { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                { name: 'work', mountPath: WORK_DIR },
                { name: 'tmp', mountPath: '/tmp' },
                { name: VAULT_TOKEN_VOLUME, mountPath: TOKEN_DIR, readOnly: true },
                vaultCaVolumeMount(),
              ],
            },
          ],
          containers: [
            mcContainer(env, {
              name: 'provision',
              script: `${CONFIG_DIR}/provision.sh`,
              resources,
              volumeMounts: [
                { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                { name: 'work', mountPath: WORK_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            }),
          ],
          volumes: [{ name: 'config', configMap: { name: PROVISIONING_CONFIGMAP } }, memoryVolume('work'), memoryVolume('tmp'), vaultTokenVolume(), vaultCaVolume()],
        },
      },
    },
  });
}
