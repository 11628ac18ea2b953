import { RbacModel, ruleAllows } from '../../rbac/evaluator';
import type { EnvironmentRule, Finding } from '../../types';

/** What lets a subject control another pod: run a new one (with any ServiceAccount and Secret of the namespace), change or remove one, or exec into one. */
const POD_CONTROL = [
  ...['create', 'update', 'patch', 'delete', 'deletecollection'].map((verb) => ({ verb, resource: 'pods' })),
  ...['pods/exec', 'pods/attach', 'pods/ephemeralcontainers'].map((resource) => ({ verb: resource === 'pods/ephemeralcontainers' ? 'patch' : 'create', resource })),
];

const isDatabase = (o: { apiVersion: string; kind: string }) => o.kind === 'Cluster' && o.apiVersion.startsWith('postgresql.cnpg.io/');

export const databaseNeighbours: EnvironmentRule = {
  id: 'RBAC-002',
  title: 'No namespaced role lets a workload control pods in a namespace that holds a database',
  severity: 'error',
  rationale: 'A subject that may create pods in a namespace may run them with any ServiceAccount and Secret there; patch, delete and exec reach the database pods themselves. Databases live where no workload can do that (the operator acts cluster-wide).',
  remediation: 'Move the database (its CloudNativePG Cluster, Pooler and credentials) to a namespace of its own, or narrow the role so it cannot create, change, delete or exec into pods there.',
  family: 11,
  scope: 'environment',
  check: ({ documents }) => {
    const applied = documents.filter((d) => !d.reviewOnly);
    const model = new RbacModel(applied.map((d) => d.object));
    const databases = new Map<string, string[]>();
    for (const d of applied.filter((d) => isDatabase(d.object))) {
      const ns = d.object.metadata.namespace ?? '';
      databases.set(ns, [...(databases.get(ns) ?? []), d.object.metadata.name]);
    }
    const findings: Finding[] = [];
    for (const document of applied.filter((d) => d.object.kind === 'RoleBinding' && databases.has(d.object.metadata.namespace ?? ''))) {
      const namespace = document.object.metadata.namespace!;
      const rules = model.rulesOf(document.object);
      const granted = POD_CONTROL.filter((r) => rules.some((rule) => ruleAllows(rule, { ...r, apiGroup: '', namespace }))).map((r) => `${r.verb} ${r.resource}`);
      if (granted.length === 0) continue;
      const subjects = (document.object.subjects ?? []).map((s: any) => `${s.kind}/${s.kind === 'ServiceAccount' ? `${s.namespace ?? namespace}/` : ''}${s.name}`).join(', ');
      findings.push({ document, message: `grants ${subjects} ${granted.join(', ')} in ${namespace}, where the database ${databases.get(namespace)!.join(', ')} runs` });
    }
    return findings;
  },
};
