// Values for the upstream `hashicorp/vault-secrets-operator` chart. No default connection or auth:
// every consuming namespace gets its own VaultConnection/VaultAuth (synced-secrets.ts), so a
// namespace can only ever use the role bound to its own ServiceAccount.
import type { Environment } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { valuesResources } from '../shared/resources';
import { DEFAULT_UID, restrictedContainerSecurityContext } from '../shared/pod-security';

export const VSO_RELEASE = 'vault-secrets-operator';

export function vsoValues(env: Environment): Record<string, unknown> {
  const controller = env.sizing.vaultSecretsOperator.controller;
  const replicas = controller.replicas ?? 1;
  const image = pinnedImage(env, 'vaultSecretsOperator', 'operator');
  const proxy = pinnedImage(env, 'vaultSecretsOperator', 'kubeRbacProxy');
  const resources = valuesResources(controller);
  return {
    controller: {
      replicas,
      manager: {
        image: { repository: image.repository, tag: image.tag },
        resources,
        clientCache: { persistenceModel: 'none' },
        // The Secrets carry only the keys consumers read, never the raw JSON document.
        globalTransformationOptions: { excludeRaw: true },
      },
      kubeRbacProxy: { image: { repository: proxy.repository, tag: proxy.tag } },
      podSecurityContext: { runAsNonRoot: true, runAsUser: DEFAULT_UID, runAsGroup: DEFAULT_UID, seccompProfile: { type: 'RuntimeDefault' } },
      securityContext: restrictedContainerSecurityContext(),
      affinity:
        replicas > 1
          ? {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { labelSelector: { matchLabels: { 'app.kubernetes.io/name': VSO_RELEASE, 'control-plane': 'controller-manager' } }, topologyKey: 'kubernetes.io/hostname' },
                ],
              },
            }
          : {},
      podDisruptionBudget: replicas > 1 ? { enabled: true, maxUnavailable: 1 } : { enabled: false },
    },
    defaultVaultConnection: { enabled: false },
    defaultAuthMethod: { enabled: false },
    telemetry: { serviceMonitor: { enabled: env.features.monitoring, selectors: {}, interval: '30s', scrapeTimeout: '10s' } },
    hooks: { resources, upgradeCRDs: { enabled: true } },
    // The chart's test pod names the operator image without a tag; never rendered.
    tests: { enabled: false },
  };
}
