import { podSpecsOf } from '../../pod-specs';
import type { EnvironmentRule, RenderedDocument } from '../../types';

/** Objects that exist without being rendered by us: created by Kubernetes or by an upstream chart. */
export const EXTERNALLY_PROVIDED: Record<string, readonly string[]> = {
  ConfigMap: ['*/kube-root-ca.crt'],
  ServiceAccount: [],
};

function provided(kind: string, ns: string, name: string, documents: readonly RenderedDocument[]): boolean {
  const external = EXTERNALLY_PROVIDED[kind] ?? [];
  if (external.includes(`*/${name}`) || external.includes(`${ns}/${name}`)) return true;
  return documents.some((d) => d.object.kind === kind && d.object.metadata.namespace === ns && d.object.metadata.name === name);
}

export const referencesExist: EnvironmentRule = {
  id: 'META-005',
  title: 'ServiceAccounts and ConfigMaps that pods reference exist',
  severity: 'error',
  rationale: 'A missing ServiceAccount blocks pod creation; a missing ConfigMap leaves the pod stuck in ContainerCreating.',
  remediation: 'Render the missing ServiceAccount or ConfigMap in the pod\'s namespace, or fix the name that references it.',
  family: 7,
  scope: 'environment',
  check: ({ documents }) => {
    const findings: { document: RenderedDocument; message: string }[] = [];
    for (const document of documents) {
      const ns = document.object.metadata.namespace ?? '';
      for (const pod of podSpecsOf(document.object)) {
        const sa = pod.spec.serviceAccountName;
        if (sa && !provided('ServiceAccount', ns, sa, documents)) findings.push({ document, message: `${pod.path}.serviceAccountName ${sa} does not exist in ${ns}` });
        const configMaps = new Set<string>();
        for (const v of pod.spec.volumes ?? []) {
          if (v.configMap && !v.configMap.optional) configMaps.add(v.configMap.name);
          for (const s of v.projected?.sources ?? []) if (s.configMap && !s.configMap.optional) configMaps.add(s.configMap.name);
        }
        for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
          for (const e of c.envFrom ?? []) if (e.configMapRef && !e.configMapRef.optional) configMaps.add(e.configMapRef.name);
          for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef && !e.valueFrom.configMapKeyRef.optional) configMaps.add(e.valueFrom.configMapKeyRef.name);
        }
        for (const name of configMaps) {
          if (!provided('ConfigMap', ns, name, documents)) findings.push({ document, message: `${pod.path} references ConfigMap ${name}, which does not exist in ${ns}` });
        }
      }
    }
    return findings;
  },
};
