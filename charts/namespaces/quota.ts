// ResourceQuota and LimitRange figures derived from the sizing of a namespace's workloads.
import { quantityValue } from '../../environments/load';
import type { SizedPods } from './platform-namespaces';

/** Room for rolling updates (surge pods) and hooks on top of the steady state. */
export const QUOTA_HEADROOM = 1.5;

export interface QuotaFigures {
  readonly requestsCpu: string;
  readonly requestsMemory: string;
  readonly limitsCpu: string;
  readonly limitsMemory: string;
  readonly pods: number;
}

export function quotaFigures(sized: readonly SizedPods[]): QuotaFigures {
  const sum = (pick: (s: SizedPods) => string) => sized.reduce((acc, s) => acc + quantityValue(pick(s)) * s.pods, 0) * QUOTA_HEADROOM;
  const podCount = sized.reduce((acc, s) => acc + s.pods, 0);
  return {
    requestsCpu: cpu(sum((s) => s.workload.resources.requests.cpu)),
    requestsMemory: memory(sum((s) => s.workload.resources.requests.memory)),
    limitsCpu: cpu(sum((s) => s.workload.resources.limits.cpu)),
    limitsMemory: memory(sum((s) => s.workload.resources.limits.memory)),
    pods: Math.ceil(podCount * QUOTA_HEADROOM) + 10,
  };
}

export interface LimitRangeFigures {
  readonly defaultLimit: { cpu: string; memory: string };
  readonly defaultRequest: { cpu: string; memory: string };
  readonly max: { cpu: string; memory: string };
}

/** Defaults are the namespace's smallest workload; the maximum is its largest. */
export function limitRangeFigures(sized: readonly SizedPods[]): LimitRangeFigures {
  const by = (pick: (s: SizedPods) => string, reduce: (a: number, b: number) => number) =>
    sized.map((s) => quantityValue(pick(s))).reduce((a, b) => reduce(a, b));
  return {
    defaultLimit: { cpu: cpu(by((s) => s.workload.resources.limits.cpu, Math.min)), memory: memory(by((s) => s.workload.resources.limits.memory, Math.min)) },
    defaultRequest: { cpu: cpu(by((s) => s.workload.resources.requests.cpu, Math.min)), memory: memory(by((s) => s.workload.resources.requests.memory, Math.min)) },
    max: { cpu: cpu(by((s) => s.workload.resources.limits.cpu, Math.max)), memory: memory(by((s) => s.workload.resources.limits.memory, Math.max)) },
  };
}

/** CPU in millicores, rounded up to 100m. */
function cpu(cores: number): string {
  return `${Math.ceil((cores * 1000) / 100) * 100}m`;
}

/** Memory in Mi, rounded up to 128Mi. */
function memory(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 20 / 128) * 128}Mi`;
}
