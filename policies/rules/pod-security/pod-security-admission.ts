// Every pod the rendered objects make the cluster admit meets the Pod Security level its namespace
// enforces, judged as the PodSecurity admission plugin judges it (policies/pod-security-standards.ts)
// over the pods as admitted (policies/admitted-pods.ts: workload templates, Spark driver/executor
// pods, injected Vault agents). It replaces the older "restricted everywhere" rule: the namespace's
// label is what decides whether a pod starts (decision 0006 sets it), and validate:local proves the
// same verdicts with a real API server (docs/decisions/0037-pod-security-as-admission-judges-it.md).
import { admittedPods } from '../../admitted-pods';
import { ENFORCE_LEVEL_LABEL, ENFORCE_VERSION_LABEL, enforcedPolicy, formatLevelVersion, evaluatePod } from '../../pod-security-standards';
import type { EnvironmentRule, Finding, RenderedDocument } from '../../types';

export interface PodSecurityAdmissionParams {
  /**
   * Labels assumed for a namespace that pods use but the environment does not render. The cluster's
   * own default for an unlabelled namespace (privileged unless its AdmissionConfiguration says
   * otherwise) is invisible here, so nothing may rely on it: such pods are held to the strictest level.
   */
  readonly unrenderedNamespaceLabels: Readonly<Record<string, string>>;
}

export const POD_SECURITY_ADMISSION_PARAMS: PodSecurityAdmissionParams = {
  unrenderedNamespaceLabels: { [ENFORCE_LEVEL_LABEL]: 'restricted', [ENFORCE_VERSION_LABEL]: 'latest' },
};

/** The labels of every Namespace rendered in the environment. */
export function renderedNamespaceLabels(documents: readonly RenderedDocument[]): Map<string, Record<string, string>> {
  const labels = new Map<string, Record<string, string>>();
  for (const { object } of documents) {
    if (object.kind === 'Namespace' && object.apiVersion === 'v1') labels.set(object.metadata.name, object.metadata.labels ?? {});
  }
  return labels;
}

export const podSecurityAdmission: EnvironmentRule<PodSecurityAdmissionParams> = {
  id: 'PSS-001',
  title: 'Pods meet the Pod Security level their namespace enforces, judged as admission judges them',
  severity: 'error',
  rationale: 'The API server refuses a pod that violates its namespace\'s enforced level: a Deployment whose pods are refused applies cleanly and then never starts.',
  remediation: 'Fix the pod (or the chart values) as the message says: runAsNonRoot, seccompProfile RuntimeDefault, capabilities.drop [ALL], allowPrivilegeEscalation false, no host namespaces/ports/paths; only if the workload really needs it, lower the namespace\'s enforce label (decision 0006).',
  family: 2,
  params: POD_SECURITY_ADMISSION_PARAMS,
  scope: 'environment',
  check: ({ documents }, params) => {
    const namespaces = renderedNamespaceLabels(documents);
    const findings: Finding[] = [];
    for (const document of documents) {
      for (const pod of admittedPods(document.object)) {
        if (pod.refusal) {
          findings.push({ document, message: `${pod.source}: ${pod.refusal}` });
          continue;
        }
        const namespace = pod.metadata.namespace ?? '';
        const rendered = namespaces.get(namespace);
        const { enforce } = enforcedPolicy(rendered ?? params.unrenderedNamespaceLabels);
        const assumed = rendered ? '' : ` (namespace ${JSON.stringify(namespace)} is not rendered in this environment; assumed ${formatLevelVersion(enforce)})`;
        for (const failure of evaluatePod(enforce, pod.metadata, pod.spec)) {
          findings.push({
            document,
            message: `${pod.source}${assumed}: violates PodSecurity "${formatLevelVersion(enforce)}": ${failure.reason} (${failure.detail})`,
          });
        }
      }
    }
    return findings;
  },
};
