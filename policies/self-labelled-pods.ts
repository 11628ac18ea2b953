// Pods whose own software labels them at run time through the API, known by the labels it promises.
// Vault with Kubernetes service registration (`service_registration "kubernetes"`) patches its own
// pod with vault-active, vault-initialized, vault-perf-standby and vault-sealed ("true"/"false") as
// its state changes (Vault's documentation, "Kubernetes service registration"); Services such as the
// vault chart's vault-active and vault-standby select by them. A pod template counts only when all
// three parts of that contract are in the rendered environment: a Vault container, a mounted
// ConfigMap that enables the registration, and a Role or ClusterRole bound to the pod's
// ServiceAccount that lets it update or patch pods. Written here, not taken from the renderer.
import { podSpecsOf } from './pod-specs';
import type { K8sObject } from './types';

export interface SelfLabelledPod {
  readonly namespace: string | undefined;
  readonly labels: Record<string, string>;
  /** Who sets the labels, for messages. */
  readonly madeBy: string;
}

/** The official image (hashicorp/vault, vault), not vault-k8s or other vault-* images. */
const VAULT_IMAGE = /(^|\/)vault[:@]/;
const KUBERNETES_REGISTRATION = /service_registration\s+"kubernetes"/;
const VAULT_STATE_LABELS = ['vault-active', 'vault-initialized', 'vault-perf-standby', 'vault-sealed'];

/** Every pod a workload among `objects` may label itself into: its template labels with each combination of the state labels. */
export function selfLabelledPods(objects: readonly K8sObject[]): SelfLabelledPod[] {
  return objects.flatMap((object) =>
    podSpecsOf(object)
      .filter((pod) => (pod.spec.containers ?? []).some((c: any) => VAULT_IMAGE.test(c.image ?? '')))
      .filter((pod) => mountsRegistrationConfig(objects, object.metadata.namespace, pod.spec))
      .filter((pod) => mayPatchPods(objects, object.metadata.namespace, pod.spec.serviceAccountName ?? 'default'))
      .flatMap((pod) =>
        stateCombinations().map((state) => ({
          namespace: object.metadata.namespace,
          labels: { ...(pod.metadata.labels ?? {}), ...state },
          madeBy: `Vault's Kubernetes service registration in ${object.kind} ${object.metadata.name}`,
        })),
      ),
  );
}

function stateCombinations(): Record<string, string>[] {
  return VAULT_STATE_LABELS.reduce<Record<string, string>[]>(
    (combos, label) => combos.flatMap((c) => ['true', 'false'].map((value) => ({ ...c, [label]: value }))),
    [{}],
  );
}

function mountsRegistrationConfig(objects: readonly K8sObject[], namespace: string | undefined, spec: any): boolean {
  const names = new Set<string>(
    (spec.volumes ?? []).flatMap((v: any) => [v.configMap?.name, ...(v.projected?.sources ?? []).map((s: any) => s.configMap?.name)]).filter(Boolean),
  );
  return objects.some(
    (o) =>
      o.kind === 'ConfigMap' &&
      o.metadata.namespace === namespace &&
      names.has(o.metadata.name) &&
      Object.values(o.data ?? {}).some((text) => KUBERNETES_REGISTRATION.test(String(text))),
  );
}

function mayPatchPods(objects: readonly K8sObject[], namespace: string | undefined, serviceAccount: string): boolean {
  return objects
    .filter((o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding')
    .filter((b) => (b.kind === 'ClusterRoleBinding' || b.metadata.namespace === namespace))
    .filter((b) => (b.subjects ?? []).some((s: any) => s.kind === 'ServiceAccount' && s.name === serviceAccount && (s.namespace ?? b.metadata.namespace) === namespace))
    .some((b) => {
      const role = objects.find(
        (o) => o.kind === b.roleRef?.kind && o.metadata.name === b.roleRef?.name && (o.kind === 'ClusterRole' || o.metadata.namespace === b.metadata.namespace),
      );
      return (role?.rules ?? []).some(
        (r: any) =>
          (r.apiGroups ?? []).some((g: string) => g === '' || g === '*') &&
          (r.resources ?? []).some((res: string) => res === 'pods' || res === '*') &&
          (r.verbs ?? []).some((v: string) => v === 'patch' || v === 'update' || v === '*'),
      );
    });
}
