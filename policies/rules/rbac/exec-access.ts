import { RbacModel, ruleAllows } from '../../rbac/evaluator';
import type { EnvironmentRule, Finding } from '../../types';

export interface ExecAccessParams {
  /** Subjects (`ServiceAccount/<namespace>/<name>`) that may exec, attach or port-forward into pods. */
  readonly allowed: readonly string[];
}

/**
 * The operators whose job needs it: CloudNativePG runs commands in its instances (backups,
 * promotion); Argo CD's application controller holds every permission by design (it applies
 * whatever the repository says); Argo CD's API server acts for UI users under Argo CD's own RBAC,
 * and its chart ClusterRole's get on every resource covers `get pods/exec` (the web terminal stays
 * off: `exec.enabled` is not set). Written here, not imported from the charts.
 */
export const EXEC_ACCESS_PARAMS: ExecAccessParams = {
  allowed: ['ServiceAccount/cnpg-system/cnpg-cloudnative-pg', 'ServiceAccount/argocd/argocd-application-controller', 'ServiceAccount/argocd/argocd-server'],
};

const INTERACTIVE = ['pods/exec', 'pods/attach', 'pods/portforward'];

export const execAccess: EnvironmentRule<ExecAccessParams> = {
  id: 'RBAC-001',
  title: 'Only the listed operators may exec, attach or port-forward into pods',
  severity: 'error',
  rationale: 'exec into a pod runs any command with its identity, its mounted secrets and its database sessions: a workload that may do it reaches everything its neighbours hold.',
  remediation: 'Drop pods/exec, pods/attach and pods/portforward from the role (replace a chart role by one of ours), or name the operator in the rule\'s params with the reason.',
  family: 11,
  params: EXEC_ACCESS_PARAMS,
  scope: 'environment',
  check: ({ documents }, params) => {
    const applied = documents.filter((d) => !d.reviewOnly);
    const model = new RbacModel(applied.map((d) => d.object));
    const findings: Finding[] = [];
    for (const document of applied.filter((d) => ['RoleBinding', 'ClusterRoleBinding'].includes(d.object.kind))) {
      const rules = model.rulesOf(document.object);
      const granted = INTERACTIVE.filter((resource) =>
        ['create', 'get'].some((verb) => rules.some((rule) => ruleAllows(rule, { verb, apiGroup: '', resource, namespace: document.object.metadata.namespace }))),
      );
      if (granted.length === 0) continue;
      for (const s of document.object.subjects ?? []) {
        const subject = `${s.kind}/${s.kind === 'ServiceAccount' ? `${s.namespace ?? document.object.metadata.namespace}/` : ''}${s.name}`;
        if (params.allowed.includes(subject)) continue;
        const where = document.object.kind === 'RoleBinding' ? `in namespace ${document.object.metadata.namespace}` : 'in every namespace';
        findings.push({ document, message: `grants ${subject} ${granted.join(', ')} ${where}` });
      }
    }
    return findings;
  },
};
