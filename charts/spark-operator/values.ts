// Values for the upstream Kubeflow `spark-operator` chart: one job namespace (spark-jobs), the
// mutating webhook on (it injects volumes, security contexts and Vault token volumes into Spark pods),
// sizing from the environment file, PodMonitor, leader election, PDBs when there are spares.
import type { Environment } from '../../environments/types';
import { SPARK_DRIVER_SERVICE_ACCOUNT, SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { pinnedImage } from '../shared/images';
import { valuesResourcesWithScratch } from '../shared/resources';
import { DEFAULT_UID, restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';

export const SPARK_OPERATOR_RELEASE = 'spark-operator';
/**
 * UID/GID of the operator image's `spark` user. The controller keeps it: it runs spark-submit, whose
 * Hadoop login needs a user the image's /etc/passwd names. The webhook (no spark-submit, certificates
 * in an emptyDir) runs as the platform's high non-root id.
 */
const SPARK_UID = 185;

const controllerPodSecurityContext = restrictedPodSecurityContext(SPARK_UID);
const webhookPodSecurityContext = restrictedPodSecurityContext(DEFAULT_UID);
const containerSecurityContext = restrictedContainerSecurityContext();

function spread(component: string, replicas: number) {
  if (replicas < 2) return {};
  return {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: { matchLabels: { 'app.kubernetes.io/name': SPARK_OPERATOR_RELEASE, 'app.kubernetes.io/instance': SPARK_OPERATOR_RELEASE, 'app.kubernetes.io/component': component } },
          topologyKey: 'kubernetes.io/hostname',
        },
      ],
    },
  };
}

export function sparkOperatorValues(env: Environment): Record<string, unknown> {
  const { controller, webhook } = env.sizing.sparkOperator;
  const image = pinnedImage(env, 'sparkOperator', 'controller');
  const [registry, ...repository] = image.repository.split('/');
  const controllerReplicas = controller.replicas ?? 1;
  const webhookReplicas = webhook.replicas ?? 1;
  return {
    image: { registry, repository: repository.join('/'), tag: image.tag, pullPolicy: 'Always' },
    controller: {
      replicas: controllerReplicas,
      leaderElection: { enable: true },
      resources: valuesResourcesWithScratch(controller),
      podSecurityContext: controllerPodSecurityContext,
      securityContext: containerSecurityContext,
      affinity: spread('controller', controllerReplicas),
      podDisruptionBudget: { enable: controllerReplicas > 1, minAvailable: 1 },
      uiService: { enable: false },
    },
    webhook: {
      enable: true,
      replicas: webhookReplicas,
      failurePolicy: 'Fail',
      resources: valuesResourcesWithScratch(webhook),
      podSecurityContext: webhookPodSecurityContext,
      securityContext: containerSecurityContext,
      affinity: spread('webhook', webhookReplicas),
      podDisruptionBudget: { enable: webhookReplicas > 1, minAvailable: 1 },
    },
    spark: {
      jobNamespaces: [SPARK_JOBS_NAMESPACE],
      serviceAccount: { create: true, name: SPARK_DRIVER_SERVICE_ACCOUNT },
      rbac: { create: true },
    },
    prometheus: {
      metrics: { enable: true, port: 8080, portName: 'metrics', endpoint: '/metrics' },
      podMonitor: { create: env.features.monitoring, podMetricsEndpoint: { scheme: 'http', interval: '30s' } },
    },
    hook: { upgradeCrd: false },
  };
}
