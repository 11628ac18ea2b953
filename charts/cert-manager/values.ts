// Values for the upstream `jetstack/cert-manager` chart: CRDs installed (and kept) by the chart, images
// and sizing from the environment file, the leader-election lease in its own namespace (the chart's
// default, kube-system, is outside every project), no Helm-hook Job, DNS-01 self-checks through the
// cluster DNS only (no port-53 egress to the internet).
import type { Environment, Workload } from '../../environments/types';
import { pinnedImage } from '../shared/images';
import { valuesResourcesWithScratch } from '../shared/resources';
import { DEFAULT_UID } from '../shared/pod-security';
import { CERT_MANAGER_NAMESPACE, CERT_MANAGER_POD_LABELS } from './constants';

type Part = keyof typeof CERT_MANAGER_POD_LABELS;

function antiAffinity(part: Part, replicas: number) {
  if (replicas <= 1) return {};
  return {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { ...CERT_MANAGER_POD_LABELS[part] } }, topologyKey: 'kubernetes.io/hostname' }],
    },
  };
}

function deployment(env: Environment, part: Part, workload: Workload) {
  const replicas = workload.replicas ?? 1;
  const image = pinnedImage(env, 'certManager', part);
  return {
    replicaCount: replicas,
    image: { repository: image.repository, tag: image.tag, pullPolicy: 'Always' },
    resources: valuesResourcesWithScratch(workload),
    podDisruptionBudget: replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
    affinity: antiAffinity(part, replicas),
    // The chart's restricted defaults with a high uid (the images' 1000 could collide with a host user).
    securityContext: { runAsNonRoot: true, runAsUser: DEFAULT_UID, runAsGroup: DEFAULT_UID, seccompProfile: { type: 'RuntimeDefault' } },
  };
}

export function certManagerValues(env: Environment): Record<string, unknown> {
  const sizing = env.sizing.certManager;
  const { replicaCount, image, resources, podDisruptionBudget, affinity, securityContext } = deployment(env, 'controller', sizing.controller);
  return {
    crds: { enabled: true, keep: true },
    global: { leaderElection: { namespace: CERT_MANAGER_NAMESPACE } },
    replicaCount,
    image,
    resources,
    podDisruptionBudget,
    affinity,
    securityContext,
    // Certificates' Secrets go with them when a Certificate is deleted (no orphaned keys).
    enableCertificateOwnerRef: true,
    // DNS-01 propagation checks ask the cluster DNS (resolv.conf), never the zone's nameservers directly.
    dns01RecursiveNameserversOnly: true,
    // Certificates are rendered explicitly (reviewable in dist/): no Ingress annotations turn into Certificates.
    ingressShim: {},
    // The metrics Service only; monitoring renders the ServiceMonitor (charts/monitoring/scrape-monitors.ts).
    prometheus: { enabled: env.features.monitoring, servicemonitor: { enabled: false } },
    webhook: deployment(env, 'webhook', sizing.webhook),
    cainjector: deployment(env, 'cainjector', sizing.cainjector),
    // A Helm hook Job that only waits for the webhook; Argo CD's health checks do that.
    startupapicheck: { enabled: false },
  };
}
