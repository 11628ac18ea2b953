// Values for the upstream CloudNativePG operator chart (`cnpg/cloudnative-pg`).
import type { Environment } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { valuesResourcesWithScratch } from '../shared/resources';

export const CNPG_RELEASE = 'cnpg';
/** Labels the chart puts on the operator pods (its Deployment's selector). */
export const CNPG_OPERATOR_POD_LABELS = { 'app.kubernetes.io/name': 'cloudnative-pg', 'app.kubernetes.io/instance': CNPG_RELEASE };

export function cnpgValues(env: Environment): Record<string, unknown> {
  const operator = env.sizing.cnpg.operator;
  const replicas = operator.replicas ?? 1;
  const image = pinnedImage(env, 'cnpg', 'operator');
  return {
    replicaCount: replicas,
    image: { repository: image.repository, tag: image.tag, pullPolicy: 'Always' },
    crds: { create: true },
    resources: valuesResourcesWithScratch(operator),
    podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containerSecurityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
      capabilities: { drop: ['ALL'] },
    },
    affinity:
      replicas > 1
        ? {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: { ...CNPG_OPERATOR_POD_LABELS } }, topologyKey: 'kubernetes.io/hostname' },
              ],
            },
          }
        : {},
    // No podDisruptionBudget: the chart has no such value; charts/cnpg/disruption-budget.ts renders ours.
    monitoring: { podMonitorEnabled: env.features.monitoring, grafanaDashboard: { create: false } },
    webhook: { mutating: { failurePolicy: 'Fail' }, validating: { failurePolicy: 'Fail' } },
  };
}
