// Values for the argo-cd chart: Argo CD manages itself from this repository (the `argocd`
// Application installs this very chart), sizing from the environment, metrics ServiceMonitors,
// no chart-held secret (repository credentials come from a VSO-synced Secret).
import type { Environment } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { valuesResources } from '../shared/resources';
import type { Workload } from '../../environments/types';
import { resourceCustomizations } from './resource-customizations';
import { rbacValues } from './rbac';

function component(workload: Workload, monitoring: boolean, extra: Record<string, unknown> = {}) {
  const replicas = workload.replicas ?? 1;
  return {
    replicas,
    resources: valuesResources(workload),
    pdb: { enabled: replicas > 1, minAvailable: 1 },
    metrics: { enabled: true, serviceMonitor: { enabled: monitoring } },
    ...extra,
  };
}

export function argoCdValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.argocd;
  const image = pinnedImage(env, 'argocd', 'argocd');
  const monitoring = env.features.monitoring;
  return {
    global: {
      domain: `argocd.${env.domain}`,
      image: { repository: image.repository, tag: image.tag },
      // The chart's policies open argocd-server to every source (`ingress: [{}]`) and metrics to every
      // namespace; ours are generated from the declared flows (charts/argocd/flows.ts).
      networkPolicy: { create: false },
    },
    crds: { install: true, keep: true },
    configs: {
      cm: {
        'application.resourceTrackingMethod': 'annotation',
        'timeout.reconciliation': '180s',
        'exec.enabled': false,
        ...resourceCustomizations(),
      },
      params: { 'server.insecure': false, 'controller.diff.server.side': true },
      rbac: rbacValues(env),
      // Argo CD fills argocd-secret (server.secretkey) itself at start-up; nothing comes from values.
      secret: { createSecret: true },
    },
    controller: component(sizing.controller, monitoring),
    server: component(sizing.server, monitoring),
    repoServer: component(sizing.repoServer, monitoring),
    applicationSet: component(sizing.applicationSet, monitoring),
    notifications: { resources: valuesResources(sizing.notifications), metrics: { enabled: true, serviceMonitor: { enabled: monitoring } } },
    redis: { resources: valuesResources(sizing.redis), metrics: { enabled: false } },
    // The redis password Secret (argocd-redis) is made once, by this chart's init Job during the
    // bootstrap `helm install` (README "Bootstrap"), and kept: Argo CD needs redis before Vault and
    // VSO exist. Synced from here the Job would be a hook that runs (and may mint a password) on
    // every sync. docs/decisions/0034-no-chart-generated-values.md
    redisSecretInit: { enabled: false },
    dex: { enabled: false },
  };
}
