// Who may do what where, from the rendered RBAC objects: one line per ServiceAccount named by a
// binding, namespace (or `*` for every namespace and cluster scope) and rule, for review.
import type { K8sObject } from '../types';
import { RbacModel, type Subject } from './evaluator';

export interface MatrixLine {
  readonly subject: string;
  readonly namespace: string;
  readonly verbs: string;
  readonly resources: string;
  readonly via: string;
}

const list = (values: readonly string[] | undefined) => (values ?? []).join(',');

export function rbacMatrix(objects: readonly K8sObject[], filter: (s: Subject) => boolean = () => true): MatrixLine[] {
  const model = new RbacModel(objects);
  const lines: MatrixLine[] = [];
  for (const subject of model.subjects().filter(filter)) {
    for (const g of model.grants(subject)) {
      const groups = (g.rule.apiGroups ?? []).map((a) => (a === '' ? 'core' : a));
      const resources = g.rule.nonResourceURLs?.length
        ? list(g.rule.nonResourceURLs)
        : `${groups.join(',')}:${list(g.rule.resources)}${g.rule.resourceNames?.length ? `[${list(g.rule.resourceNames)}]` : ''}`;
      lines.push({
        subject: `${subject.kind}/${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}`,
        namespace: g.namespace ?? '*',
        verbs: list(g.rule.verbs),
        resources,
        via: `${g.binding} → ${g.role}`,
      });
    }
  }
  return lines.sort((a, b) => (a.subject + a.namespace + a.resources).localeCompare(b.subject + b.namespace + b.resources));
}
