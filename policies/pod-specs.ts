// Where pod specs live inside each workload kind, with a readable path for messages.
import type { K8sObject } from './types';

export interface PodSpecRef {
  readonly path: string;
  readonly spec: any;
  readonly metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'] as const;
export const LONG_RUNNING_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;

export function podSpecsOf(obj: K8sObject): PodSpecRef[] {
  switch (obj.kind) {
    case 'Pod':
      return obj.spec ? [{ path: 'spec', spec: obj.spec, metadata: obj.metadata }] : [];
    case 'CronJob': {
      const t = obj.spec?.jobTemplate?.spec?.template;
      return t?.spec ? [{ path: 'spec.jobTemplate.spec.template.spec', spec: t.spec, metadata: t.metadata ?? {} }] : [];
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job': {
      const t = obj.spec?.template;
      return t?.spec ? [{ path: 'spec.template.spec', spec: t.spec, metadata: t.metadata ?? {} }] : [];
    }
    default:
      return [];
  }
}

export interface ContainerRef {
  readonly path: string;
  readonly container: any;
  readonly pod: PodSpecRef;
}

export function containersOf(obj: K8sObject): ContainerRef[] {
  return podSpecsOf(obj).flatMap((pod) => [
    ...(pod.spec.initContainers ?? []).map((c: any, i: number) => ({ path: `${pod.path}.initContainers[${i}] (${c.name})`, container: c, pod })),
    ...(pod.spec.containers ?? []).map((c: any, i: number) => ({ path: `${pod.path}.containers[${i}] (${c.name})`, container: c, pod })),
  ]);
}
