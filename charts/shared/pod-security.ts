// Pod Security Standards "restricted" defaults for every pod we render ourselves.
import type { PodSecurityContext, SecurityContext } from 'cdk8s-plus-28/lib/imports/k8s';

/** Numeric non-root ids so the kubelet can verify runAsNonRoot without reading the image. */
export const DEFAULT_UID = 65532;

export function restrictedPodSecurityContext(uid = DEFAULT_UID, gid = uid): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    fsGroup: gid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function restrictedContainerSecurityContext(opts: { readOnlyRootFilesystem?: boolean } = {}): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: opts.readOnlyRootFilesystem ?? true,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
