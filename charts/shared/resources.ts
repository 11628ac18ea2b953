// Container resources always come from the environment file's sizing block.
import { Quantity, type ResourceRequirements } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Workload } from '../../environments/types';

/**
 * Scratch space (emptyDir volumes, logs, the writable layer) is bounded for every container we
 * render: our images write only to small emptyDirs, so one platform-wide figure fits them all and
 * keeps a runaway writer from filling the node's disk.
 */
export const EPHEMERAL_STORAGE = { request: '64Mi', limit: '1Gi' } as const;

export function containerResources(workload: Workload): ResourceRequirements {
  const { requests, limits } = workload.resources;
  return {
    requests: {
      cpu: Quantity.fromString(requests.cpu),
      memory: Quantity.fromString(requests.memory),
      'ephemeral-storage': Quantity.fromString(EPHEMERAL_STORAGE.request),
    },
    limits: {
      cpu: Quantity.fromString(limits.cpu),
      memory: Quantity.fromString(limits.memory),
      'ephemeral-storage': Quantity.fromString(EPHEMERAL_STORAGE.limit),
    },
  };
}

/** Plain-object form for upstream chart values (`resources:` keys). */
export function valuesResources(workload: Workload): { requests: Record<string, string>; limits: Record<string, string> } {
  return {
    requests: { cpu: workload.resources.requests.cpu, memory: workload.resources.requests.memory },
    limits: { cpu: workload.resources.limits.cpu, memory: workload.resources.limits.memory },
  };
}

/**
 * `valuesResources` plus the platform-wide scratch bound (EPHEMERAL_STORAGE), for upstream charts
 * whose containers write only logs and temporary files to the node's disk.
 */
export function valuesResourcesWithScratch(workload: Workload): { requests: Record<string, string>; limits: Record<string, string> } {
  const { requests, limits } = valuesResources(workload);
  return {
    requests: { ...requests, 'ephemeral-storage': EPHEMERAL_STORAGE.request },
    limits: { ...limits, 'ephemeral-storage': EPHEMERAL_STORAGE.limit },
  };
}
