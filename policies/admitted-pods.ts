// The pods a rendered object makes the API server admit, as PodSecurity admission sees them: each
// workload's pod template (Pod, Deployment, StatefulSet with its claim volumes, DaemonSet, ReplicaSet,
// Job, CronJob), the Pod manifests a ConfigMap holds for a controller (Airflow's KubernetesExecutor
// worker template) and a SparkApplication's driver and executor pods (policies/spark-pods.ts), then the mutating webhooks
// (the Vault agent injector, policies/vault-agent-injection.ts) and the API server's own changes to
// a Pod before validating admission runs (defaulting and the AppArmor annotation sync of
// pkg/registry/core/pod/strategy.go). The policy rule PSS-001 judges these pods and validate:local
// dry-runs exactly these pods, so both see the same thing.
import { loadAll } from 'js-yaml';
import { podSpecsOf } from './pod-specs';
import { sparkPods } from './spark-pods';
import type { K8sObject } from './types';
import { injectVaultAgent } from './vault-agent-injection';

export interface AdmittedPod {
  /** What the pod is built from, for messages: `pod template spec.template.spec`, `driver pod built from spec.driver`. */
  readonly source: string;
  /** The Pod's metadata (name derived from the object) and spec, after mutation. */
  readonly metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly spec: any;
  /** The Vault agent containers the injector added. */
  readonly injected: readonly string[];
  /** Set when the pod is never created: why (e.g. the injector refuses it). */
  readonly refusal?: string;
}

const clone = <T>(value: T): T => structuredClone(value);

/** A Pod name for the object (the API server needs one for a dry-run create). */
function podName(object: K8sObject, suffix = ''): string {
  const base = object.metadata?.name ?? `${object.metadata?.generateName ?? object.kind.toLowerCase()}pod`;
  return `${base}${suffix}`.slice(0, 253);
}

export function admittedPods(object: K8sObject): AdmittedPod[] {
  const pods: { source: string; metadata: any; spec: any }[] = [];
  for (const ref of podSpecsOf(object)) {
    const metadata = { ...clone(ref.metadata ?? {}), name: podName(object), namespace: object.metadata?.namespace };
    // A template's own generateName/name are replaced by the controller's; drop them.
    delete (metadata as any).generateName;
    const spec = clone(ref.spec);
    if (object.kind === 'StatefulSet') addClaimVolumes(object, spec);
    pods.push({ source: object.kind === 'Pod' ? 'pod' : `pod template ${ref.path}`, metadata, spec });
  }
  for (const { key, pod } of configMapPods(object)) {
    const metadata = { ...clone(pod.metadata ?? {}), name: podName(object, `-${key.replace(/[^a-z0-9-]/g, '-')}`.replace(/-+$/, '')), namespace: object.metadata?.namespace };
    pods.push({ source: `pod manifest in data[${JSON.stringify(key)}]`, metadata, spec: clone(pod.spec) });
  }
  for (const pod of sparkPods(object)) {
    pods.push({ source: `${pod.role} pod built from ${pod.from}`, metadata: pod.metadata, spec: pod.spec });
  }
  return pods.map(({ source, metadata, spec }) => {
    const pod = { metadata, spec };
    const injection = injectVaultAgent(pod);
    defaultPod(pod);
    const withAgents = injection.injected.length > 0 ? ` with the injected Vault agent ${injection.injected.map((c) => `"${c}"`).join(', ')}` : '';
    return { source: `${source}${withAgents}`, metadata: pod.metadata, spec: pod.spec, injected: injection.injected, refusal: injection.refusal };
  });
}

/**
 * Pod manifests a ConfigMap carries for a controller that creates pods from them at run time, e.g.
 * Airflow's KubernetesExecutor `pod_template_file.yaml`: the worker pods get the template's security
 * settings, in the ConfigMap's namespace.
 */
function configMapPods(object: K8sObject): { key: string; pod: any }[] {
  if (object.kind !== 'ConfigMap' || object.apiVersion !== 'v1') return [];
  const found: { key: string; pod: any }[] = [];
  for (const [key, value] of Object.entries<unknown>(object.data ?? {})) {
    if (typeof value !== 'string' || !/^\s*kind:\s*Pod\s*$/m.test(value)) continue;
    let documents: unknown[];
    try {
      documents = loadAll(value);
    } catch {
      continue; // not YAML: not a manifest
    }
    for (const doc of documents as any[]) {
      if (doc?.kind === 'Pod' && doc.apiVersion === 'v1' && doc.spec) found.push({ key, pod: doc });
    }
  }
  return found;
}

/** The StatefulSet controller gives each pod a PersistentVolumeClaim volume per claim template. */
function addClaimVolumes(object: K8sObject, spec: any): void {
  for (const claim of object.spec?.volumeClaimTemplates ?? []) {
    const name = claim.metadata?.name;
    if (!name || (spec.volumes ?? []).some((v: any) => v.name === name)) continue;
    spec.volumes = [...(spec.volumes ?? []), { name, persistentVolumeClaim: { claimName: `${name}-${object.metadata.name}-0` } }];
  }
}

/** What the API server changes on a Pod before PodSecurity sees it, where it matters to the checks. */
function defaultPod(pod: { metadata: any; spec: any }): void {
  const spec = pod.spec;
  const each = (visit: (container: any) => void) => {
    for (const c of spec.initContainers ?? []) visit(c);
    for (const c of spec.containers ?? []) visit(c);
    for (const c of spec.ephemeralContainers ?? []) visit(c);
  };
  // SetDefaults_Pod: with host networking every container port is also a host port.
  if (spec.hostNetwork === true) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const port of c.ports ?? []) if (!port.hostPort) port.hostPort = port.containerPort;
    }
  }
  // applyAppArmorVersionSkew: a container's deprecated AppArmor annotation becomes its field.
  if (spec.os?.name === 'windows') return;
  const annotations: Record<string, string> = pod.metadata?.annotations ?? {};
  const podProfile = spec.securityContext?.appArmorProfile;
  each((c) => {
    const annotation = annotations[`container.apparmor.security.beta.kubernetes.io/${c.name}`];
    if (annotation === undefined || c.securityContext?.appArmorProfile) return;
    const field = appArmorField(annotation);
    if (!field || JSON.stringify(field) === JSON.stringify(podProfile)) return;
    c.securityContext = { ...(c.securityContext ?? {}), appArmorProfile: field };
  });
}

function appArmorField(annotation: string): { type: string; localhostProfile?: string } | undefined {
  if (annotation === 'runtime/default') return { type: 'RuntimeDefault' };
  if (annotation === 'unconfined') return { type: 'Unconfined' };
  if (annotation.startsWith('localhost/') && annotation.length > 'localhost/'.length) {
    return { type: 'Localhost', localhostProfile: annotation.slice('localhost/'.length) };
  }
  return undefined;
}
