// Vault configuration as code: the derived configuration rendered as a reviewable ConfigMap
// (machine-readable JSON, one HCL file per policy, the apply script) and an Argo CD PostSync hook
// Job that applies it with the vault CLI under its own Kubernetes-auth role.
import { createHash } from 'node:crypto';
import type { Construct } from 'constructs';
import { KubeConfigMap, KubeJob, KubeServiceAccount, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import type { ComponentContext } from '../shared/component';
import { imageRef, pinnedImage } from '../shared/images';
import { LABEL, selectorLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { containerResources } from '../shared/resources';
import { VAULT_NAMESPACE, VAULT_SERVICE_ADDRESS, VAULT_TOKEN_VOLUME, vaultTokenVolume } from '../shared/vault-secrets';
import { CONFIG_MOUNT_PATH, TOKEN_MOUNT_PATH, applyScript, policyFileName } from './apply-script';
import { CONFIG_JOB_IDENTITY, policyHcl, vaultConfiguration, type VaultConfiguration } from './model';
import { POST_SYNC_HOOK_ANNOTATIONS } from '../shared/argocd-hooks';

export const VAULT_CONFIGURATION_CONFIGMAP = 'vault-configuration';
/** Key of the machine-readable configuration, read by the Vault consistency rule. */
export const CONFIGURATION_JSON_KEY = 'configuration.json';
export const VAULT_CONFIGURATION_LABEL = 'gridata.io/vault-configuration';

export function configurationData(config: VaultConfiguration): Record<string, string> {
  const data: Record<string, string> = {
    [CONFIGURATION_JSON_KEY]: JSON.stringify(config, null, 2) + '\n',
    'apply.sh': applyScript(config),
  };
  for (const policy of config.policies) data[policyFileName(policy.name)] = policyHcl(policy);
  return data;
}

export function renderVaultConfiguration(scope: Construct, { env, vaultConsumers }: ComponentContext): void {
  const config = vaultConfiguration(vaultConsumers);
  const data = configurationData(config);
  const digest = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  const subject = { name: 'vault-config', component: 'configuration' };
  const labels = { [LABEL.name]: subject.name, [LABEL.component]: subject.component };

  new KubeServiceAccount(scope, 'sa', {
    metadata: { name: CONFIG_JOB_IDENTITY.serviceAccount, namespace: VAULT_NAMESPACE, labels },
    automountServiceAccountToken: false,
  });

  new KubeConfigMap(scope, 'configuration', {
    metadata: { name: VAULT_CONFIGURATION_CONFIGMAP, namespace: VAULT_NAMESPACE, labels: { ...labels, [VAULT_CONFIGURATION_LABEL]: 'true' } },
    data,
  });

  const podLabels = selectorLabels(env.name, subject);
  new KubeJob(scope, 'apply', {
    metadata: {
      name: 'vault-config-apply',
      namespace: VAULT_NAMESPACE,
      labels,
      annotations: {
        ...POST_SYNC_HOOK_ANNOTATIONS,
        'gridata.io/configuration-sha256': digest,
      },
    },
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 600,
      template: {
        metadata: { labels: { ...podLabels }, annotations: { 'gridata.io/configuration-sha256': digest } },
        spec: {
          serviceAccountName: CONFIG_JOB_IDENTITY.serviceAccount,
          automountServiceAccountToken: false,
          restartPolicy: 'Never',
          securityContext: restrictedPodSecurityContext(),
          containers: [
            {
              name: 'vault-config',
              image: imageRef(pinnedImage(env, 'tools', 'vault')),
              // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
              imagePullPolicy: 'Always',
              command: ['/bin/sh', `${CONFIG_MOUNT_PATH}/apply.sh`],
              env: [
                { name: 'VAULT_ADDR', value: VAULT_SERVICE_ADDRESS },
                { name: 'HOME', value: '/tmp' },
              ],
              resources: containerResources(env.sizing.vault.configJob),
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [
                { name: 'configuration', mountPath: CONFIG_MOUNT_PATH, readOnly: true },
                { name: VAULT_TOKEN_VOLUME, mountPath: TOKEN_MOUNT_PATH, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'configuration', configMap: { name: VAULT_CONFIGURATION_CONFIGMAP } },
            vaultTokenVolume(),
            { name: 'tmp', emptyDir: { medium: 'Memory', sizeLimit: Quantity.fromString('16Mi') } },
          ],
        },
      },
    },
  });

}
