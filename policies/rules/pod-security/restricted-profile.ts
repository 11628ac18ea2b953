import { containersOf, podSpecsOf } from '../../pod-specs';
import type { DocumentRule } from '../../types';

export interface RestrictedProfileParams {
  /** Capabilities a container may add back after dropping ALL. */
  readonly allowedAddedCapabilities: readonly string[];
  /** Accepted seccompProfile types. */
  readonly allowedSeccompProfiles: readonly string[];
}

/** The Pod Security Standards restricted profile's allowances. */
export const RESTRICTED_PROFILE_PARAMS: RestrictedProfileParams = { allowedAddedCapabilities: ['NET_BIND_SERVICE'], allowedSeccompProfiles: ['RuntimeDefault', 'Localhost'] };

export const restrictedProfile: DocumentRule<RestrictedProfileParams> = {
  id: 'PSS-001',
  title: 'Pods meet the Pod Security Standards restricted profile',
  severity: 'error',
  rationale: 'Restricted is enforced by admission in our namespaces; a pod that fails it never starts, and it is the baseline of least privilege.',
  remediation: 'Set runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities.drop [ALL] and a RuntimeDefault seccomp profile; remove host namespaces, hostPath, hostPort and privileged.',
  family: 2,
  params: RESTRICTED_PROFILE_PARAMS,
  scope: 'document',
  check: ({ object }, params) => {
    const messages: string[] = [];
    for (const pod of podSpecsOf(object)) {
      const spec = pod.spec;
      for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
        if (spec[field]) messages.push(`${pod.path}.${field} is true`);
      }
      for (const volume of spec.volumes ?? []) {
        if (volume.hostPath) messages.push(`${pod.path} mounts hostPath volume ${volume.name}`);
      }
      const podCtx = spec.securityContext ?? {};
      for (const { path, container } of containersOf(object).filter((c) => c.pod.spec === pod.spec)) {
        const ctx = container.securityContext ?? {};
        if (ctx.privileged) messages.push(`${path} is privileged`);
        if (ctx.allowPrivilegeEscalation !== false) messages.push(`${path} does not set allowPrivilegeEscalation: false`);
        if ((ctx.runAsNonRoot ?? podCtx.runAsNonRoot) !== true) messages.push(`${path} does not set runAsNonRoot: true`);
        if ((ctx.runAsUser ?? podCtx.runAsUser) === 0) messages.push(`${path} runs as uid 0`);
        const drop: string[] = ctx.capabilities?.drop ?? [];
        if (!drop.includes('ALL')) messages.push(`${path} does not drop ALL capabilities`);
        const added: string[] = ctx.capabilities?.add ?? [];
        for (const cap of added.filter((c) => !params.allowedAddedCapabilities.includes(c))) messages.push(`${path} adds capability ${cap}`);
        const seccomp = ctx.seccompProfile?.type ?? podCtx.seccompProfile?.type;
        if (!params.allowedSeccompProfiles.includes(seccomp)) messages.push(`${path} has no RuntimeDefault or Localhost seccomp profile`);
        for (const port of container.ports ?? []) {
          if (port.hostPort) messages.push(`${path} uses hostPort ${port.hostPort}`);
        }
      }
    }
    return messages.map((message) => ({ message }));
  },
};
