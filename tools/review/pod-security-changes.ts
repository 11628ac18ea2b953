// Pod Security changes a reviewer must see: a namespace's enforced Pod Security level (the
// pod-security.kubernetes.io/enforce label) moving, and a pod template whose security context gets
// weaker than it was (what the restricted profile and read-only root filesystems rule out).
import { podSpecsOf } from '../../policies/pod-specs';
import type { K8sObject } from '../../policies/types';
import type { RiskyChange } from './risk-rules';
import { isRecord } from './version-pins';

export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';
const LEVELS = ['privileged', 'baseline', 'restricted'];

function labelsOf(body: Record<string, unknown>): Record<string, unknown> {
  return isRecord(body.metadata) && isRecord(body.metadata.labels) ? body.metadata.labels : {};
}

/** The enforced level change of a Namespace; undefined when level and version are unchanged. */
export function namespaceLevelChange(before: Record<string, unknown>, after: Record<string, unknown>): RiskyChange | undefined {
  const show = (v: unknown) => (typeof v === 'string' ? v : 'unset (the cluster default, privileged unless configured)');
  const [a, b] = [labelsOf(before)[ENFORCE_LABEL], labelsOf(after)[ENFORCE_LABEL]];
  if (a !== b) {
    // An unset label is the cluster default: privileged unless the admission configuration says otherwise.
    const rank = (v: unknown) => (typeof v === 'string' && LEVELS.includes(v) ? LEVELS.indexOf(v) : 0);
    const consequence =
      rank(b) < rank(a)
        ? 'weaker: pods the old level refused are admitted'
        : rank(b) > rank(a)
          ? 'stricter: running pods stay, but every new pod (rollouts, Jobs, restarts after eviction) that does not meet it is refused'
          : 'changed';
    return { what: `the enforced Pod Security level ${show(a)} → ${show(b)}`, why: consequence };
  }
  const [va, vb] = [labelsOf(before)[ENFORCE_VERSION_LABEL], labelsOf(after)[ENFORCE_VERSION_LABEL]];
  if (va !== vb) return { what: `the enforced Pod Security version ${String(va ?? 'unset (latest)')} → ${String(vb ?? 'unset (latest)')}`, why: "the level's checks follow that Kubernetes version" };
  return undefined;
}

/**
 * The security weaknesses of every pod template of an object, e.g. `container vault: allows
 * privilege escalation`; container settings override the pod's where Kubernetes does.
 */
export function podSecurityWeaknesses(object: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const pod of podSpecsOf(object as K8sObject)) {
    const spec = pod.spec ?? {};
    const podContext = isRecord(spec.securityContext) ? spec.securityContext : {};
    for (const host of ['hostNetwork', 'hostPID', 'hostIPC'] as const) if (spec[host] === true) out.add(`pod: ${host}`);
    for (const v of Array.isArray(spec.volumes) ? spec.volumes : []) if (isRecord(v) && v.hostPath) out.add(`pod: hostPath volume ${String(v.name)}`);
    const containers = [
      ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
      ...(Array.isArray(spec.containers) ? spec.containers : []),
    ].filter(isRecord);
    for (const c of containers) {
      const ctx = isRecord(c.securityContext) ? c.securityContext : {};
      const name = `container ${String(c.name)}`;
      const effective = (key: string) => (ctx[key] !== undefined ? ctx[key] : podContext[key]);
      if (effective('runAsNonRoot') !== true) out.add(`${name}: runAsNonRoot is not true`);
      if (effective('runAsUser') === 0) out.add(`${name}: runs as UID 0`);
      if (ctx.privileged === true) out.add(`${name}: privileged`);
      if (ctx.allowPrivilegeEscalation !== false) out.add(`${name}: allows privilege escalation`);
      const caps = isRecord(ctx.capabilities) ? ctx.capabilities : {};
      if (!(Array.isArray(caps.drop) && caps.drop.includes('ALL'))) out.add(`${name}: does not drop ALL capabilities`);
      for (const cap of Array.isArray(caps.add) ? caps.add : []) out.add(`${name}: adds capability ${String(cap)}`);
      const seccomp = effective('seccompProfile');
      const seccompType = isRecord(seccomp) ? seccomp.type : undefined;
      if (seccompType !== 'RuntimeDefault' && seccompType !== 'Localhost') out.add(`${name}: no RuntimeDefault or Localhost seccomp profile`);
      if (ctx.readOnlyRootFilesystem !== true) out.add(`${name}: writable root filesystem`);
      for (const p of Array.isArray(c.ports) ? c.ports : []) if (isRecord(p) && p.hostPort) out.add(`${name}: hostPort ${String(p.hostPort)}`);
    }
  }
  return out;
}

/** Weaknesses the new pod template has and the old one did not (a container added weak counts too). */
export function podSecurityWeakening(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const old = podSecurityWeaknesses(before);
  return [...podSecurityWeaknesses(after)].filter((w) => !old.has(w)).sort();
}
