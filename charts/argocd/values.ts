// Values for the argo-cd chart: Argo CD manages itself from this repository (the `argocd`
// Application installs this very chart), sizing from the environment, metrics ServiceMonitors,
// no chart-held secret (repository credentials come from a VSO-synced Secret).
import type { Environment } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { valuesResourcesWithScratch } from '../shared/resources';
import type { Workload } from '../../environments/types';
import { resourceCustomizations } from './resource-customizations';
import { rbacValues } from './rbac';

function component(workload: Workload, monitoring: boolean, extra: Record<string, unknown> = {}) {
  const replicas = workload.replicas ?? 1;
  return {
    replicas,
    resources: valuesResourcesWithScratch(workload),
    pdb: { enabled: replicas > 1, minAvailable: 1 },
    metrics: { enabled: true, serviceMonitor: { enabled: monitoring } },
    ...extra,
  };
}

const PROBES = { readinessProbe: { enabled: true }, livenessProbe: { enabled: true } };

export function argoCdValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.argocd;
  const image = pinnedImage(env, 'argocd', 'argocd');
  const monitoring = env.features.monitoring;
  return {
    global: {
      domain: `argocd.${env.domain}`,
      // Always: the pinned tag re-checked with the registry, as our own workloads do (redis follows global).
      image: { repository: image.repository, tag: image.tag, imagePullPolicy: 'Always' },
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
    // The chart's probes for these three are off by default: tcp on the ApplicationSet probe port and
    // the notifications metrics port, redis-cli ping scripts for redis.
    applicationSet: component(sizing.applicationSet, monitoring, PROBES),
    notifications: { resources: valuesResourcesWithScratch(sizing.notifications), metrics: { enabled: true, serviceMonitor: { enabled: monitoring } }, ...PROBES },
    redis: {
      resources: valuesResourcesWithScratch(sizing.redis),
      metrics: { enabled: false },
      ...PROBES,
      // Its own ServiceAccount without a token: redis never calls the Kubernetes API.
      automountServiceAccountToken: false,
      serviceAccount: { create: true, automountServiceAccountToken: false },
    },
    // The redis password Secret (argocd-redis) is made once, by this chart's init Job during the
    // bootstrap `helm install` (README "Bootstrap"), and kept: Argo CD needs redis before Vault and
    // VSO exist. Synced from here the Job would be a hook that runs (and may mint a password) on
    // every sync. docs/decisions/0034-no-chart-generated-values.md
    redisSecretInit: { enabled: false },
    dex: { enabled: false },
  };
}
