// Values for the upstream `hashicorp/vault-secrets-operator` chart. No default connection or auth:
// every consuming namespace gets its own VaultConnection/VaultAuth (synced-secrets.ts), so a
// namespace can only ever use the role bound to its own ServiceAccount.
import type { Environment } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { valuesResourcesWithScratch } from '../shared/resources';
import { DEFAULT_UID, restrictedContainerSecurityContext } from '../shared/pod-security';

export const VSO_RELEASE = 'vault-secrets-operator';

export function vsoValues(env: Environment): Record<string, unknown> {
  const { controller, metricsProxy } = env.sizing.vaultSecretsOperator;
  const replicas = controller.replicas ?? 1;
  const image = pinnedImage(env, 'vaultSecretsOperator', 'operator');
  const proxy = pinnedImage(env, 'vaultSecretsOperator', 'kubeRbacProxy');
  const resources = valuesResourcesWithScratch(controller);
  return {
    controller: {
      replicas,
      manager: {
        // Also the image (and pull policy) of the chart's hook Jobs (upgrade-crds, pre-delete cleanup).
        image: { repository: image.repository, tag: image.tag, pullPolicy: 'Always' },
        resources,
        clientCache: { persistenceModel: 'none' },
        // The Secrets carry only the keys consumers read, never the raw JSON document.
        globalTransformationOptions: { excludeRaw: true },
      },
      kubeRbacProxy: { image: { repository: proxy.repository, tag: proxy.tag, pullPolicy: 'Always' }, resources: valuesResourcesWithScratch(metricsProxy) },
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
      // minAvailable '' keeps the chart's default 0 out: chart 1.4 renders both fields otherwise, and the
      // API server refuses a PDB with minAvailable and maxUnavailable (validate:local).
      podDisruptionBudget: replicas > 1 ? { enabled: true, maxUnavailable: 1, minAvailable: '' } : { enabled: false },
    },
    defaultVaultConnection: { enabled: false },
    defaultAuthMethod: { enabled: false },
    telemetry: { serviceMonitor: { enabled: env.features.monitoring, selectors: {}, interval: '30s', scrapeTimeout: '10s' } },
    hooks: { resources, upgradeCRDs: { enabled: true } },
    // The chart's test pod names the operator image without a tag; never rendered.
    tests: { enabled: false },
  };
}
