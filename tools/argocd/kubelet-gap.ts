// How validate:argocd handles health without a kubelet (decision 0043).
//
// Nothing here runs pods: no kubelet, no scheduler, no workload or operator controllers. A Deployment,
// StatefulSet, Job or PVC therefore stays Progressing for ever, and so does every Application that
// holds one. The app-of-apps waits for each wave's Applications to be Healthy (the Lua check in
// charts/argocd/resource-customizations.ts), so with the real check the root sync stops after the
// first wave whose Applications hold workloads. The stage first proves exactly that with the real
// check, then commits — in the served copy only — this variant, which additionally counts an
// Application as Healthy when it is Synced and every resource that is not Healthy is Progressing
// and of a kind that only a kubelet or an absent controller could make Healthy. Anything Degraded,
// Missing, Unknown, OutOfSync or Progressing of another kind still blocks, and the stage lists
// every resource the variant let through. No assertion of the stage is about workload health.
import { APPLICATION_HEALTH_LUA } from '../../charts/argocd/resource-customizations';

/** "<group>/<Kind>" whose health needs pods, a cloud load balancer or an operator that does not run here. */
export const KUBELET_BOUND_KINDS = [
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  '/Pod',
  'batch/Job',
  '/PersistentVolumeClaim',
  'policy/PodDisruptionBudget',
  'autoscaling/HorizontalPodAutoscaler',
  // an Ingress is Progressing until an ingress controller publishes its load balancer address
  'networking.k8s.io/Ingress',
  // status written by operators that do not run here (CloudNativePG, Prometheus operator, cert-manager)
  'postgresql.cnpg.io/Cluster',
  'monitoring.coreos.com/Prometheus',
  'monitoring.coreos.com/Alertmanager',
  // Ready conditions written by the cert-manager controller, itself a Deployment that never runs here
  'cert-manager.io/Certificate',
  'cert-manager.io/ClusterIssuer',
  'cert-manager.io/Issuer',
] as const;

export const GAP_MESSAGE_PREFIX = 'validate:argocd kubelet gap:';

/** The repository's Application health check with the kubelet-gap clause appended before `return hs`. */
export function kubeletGapHealthLua(): string {
  const body = APPLICATION_HEALTH_LUA.replace(/return hs\n?$/, '');
  if (body === APPLICATION_HEALTH_LUA) throw new Error('APPLICATION_HEALTH_LUA no longer ends with `return hs`');
  const kinds = KUBELET_BOUND_KINDS.map((k) => `  ["${k}"] = true,`).join('\n');
  return [
    body.trimEnd(),
    '-- validate:argocd only (never in the repository): Progressing only for want of a kubelet counts as Healthy.',
    'local bound = {',
    kinds,
    '}',
    'if hs.status == "Progressing" and obj.status ~= nil and obj.status.sync ~= nil and obj.status.sync.status == "Synced" and obj.status.resources ~= nil then',
    '  local gap = 0',
    '  local other = 0',
    '  for _, r in ipairs(obj.status.resources) do',
    '    if r.health ~= nil and r.health.status ~= "Healthy" then',
    '      local key = (r.group or "") .. "/" .. r.kind',
    '      if r.health.status == "Progressing" and bound[key] then gap = gap + 1 else other = other + 1 end',
    '    end',
    '  end',
    '  if other == 0 and gap > 0 then',
    '    hs.status = "Healthy"',
    `    hs.message = "${GAP_MESSAGE_PREFIX} " .. gap .. " resources Progressing only for want of a kubelet"`,
    '  end',
    'end',
    'return hs',
    '',
  ].join('\n');
}

/**
 * Argo CD's built-in health check of CloudNativePG's Cluster fails on a Cluster the operator has
 * not yet written a status into (`attempt to index a non-table object(nil) with key 'phaseReason'`),
 * so the Application's health is Unknown. On a cluster the operator writes a status first; here it
 * never runs. The test-only commit therefore also overrides this one check: no status → Progressing
 * (a kubelet-bound kind above), otherwise Healthy only in the operator's healthy phase.
 */
export const CNPG_CLUSTER_HEALTH_KEY = 'resource.customizations.health.postgresql.cnpg.io_Cluster';
export function cnpgClusterHealthLua(): string {
  return [
    'hs = {}',
    'if obj.status == nil or obj.status.phase == nil then',
    '  hs.status = "Progressing"',
    '  hs.message = "no status: the CloudNativePG operator has not reconciled this Cluster"',
    'elseif obj.status.phase == "Cluster in healthy state" then',
    '  hs.status = "Healthy"',
    '  hs.message = obj.status.phase',
    'else',
    '  hs.status = "Progressing"',
    '  hs.message = obj.status.phase',
    'end',
    'return hs',
    '',
  ].join('\n');
}
