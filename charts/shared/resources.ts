// Container resources always come from the environment file's sizing block.
import { Quantity, type ResourceRequirements } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Workload } from '../../environments/types';

export function containerResources(workload: Workload): ResourceRequirements {
  const { requests, limits } = workload.resources;
  return {
    requests: { cpu: Quantity.fromString(requests.cpu), memory: Quantity.fromString(requests.memory) },
    limits: { cpu: Quantity.fromString(limits.cpu), memory: Quantity.fromString(limits.memory) },
  };
}

/** Plain-object form for upstream chart values (`resources:` keys). */
export function valuesResources(workload: Workload): { requests: Record<string, string>; limits: Record<string, string> } {
  return {
    requests: { cpu: workload.resources.requests.cpu, memory: workload.resources.requests.memory },
    limits: { cpu: workload.resources.limits.cpu, memory: workload.resources.limits.memory },
  };
}
