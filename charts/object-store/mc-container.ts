// The MinIO client (mc) container the object store's jobs run a script in: provisioning here, the
// Vault raft snapshot upload in charts/vault. mc keeps its config and home under the writable /tmp.
import type { Container, ResourceRequirements, VolumeMount } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { imageRef, pinnedImage } from '../shared/images';
import { restrictedContainerSecurityContext } from '../shared/pod-security';

export function mcContainer(
  env: Environment,
  spec: { name: string; script: string; resources: ResourceRequirements; volumeMounts: readonly VolumeMount[] },
): Container {
  return {
    name: spec.name,
    image: imageRef(pinnedImage(env, 'objectStore', 'mc')),
    // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
    imagePullPolicy: 'Always',
    command: ['/bin/sh', spec.script],
    env: [
      { name: 'MC_CONFIG_DIR', value: '/tmp/mc' },
      { name: 'HOME', value: '/tmp' },
    ],
    resources: spec.resources,
    securityContext: restrictedContainerSecurityContext(),
    volumeMounts: [...spec.volumeMounts],
  };
}
