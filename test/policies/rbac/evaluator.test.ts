// The RBAC evaluator against the Kubernetes RBAC authorizer's rules (policies/rbac/fixtures/semantics.yaml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { RbacModel, type Subject } from '../../../policies/rbac/evaluator';
import { rbacMatrix } from '../../../policies/rbac/matrix';
import type { K8sObject } from '../../../policies/types';

interface Check {
  as?: string;
  user?: string;
  group?: string;
  verb: string;
  apiGroup?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  path?: string;
  allowed: boolean;
}
interface Case {
  name: string;
  objects: K8sObject[];
  checks?: Check[];
  nonResource?: Check[];
  unresolved?: string[];
}

const { cases } = load(readFileSync(join(__dirname, '../../../policies/rbac/fixtures/semantics.yaml'), 'utf8')) as { cases: Case[] };

function subjectOf(check: Check): Subject {
  if (check.user) return { kind: 'User', name: check.user };
  if (check.group) return { kind: 'Group', name: check.group };
  const [namespace, name] = check.as!.split('/');
  return { kind: 'ServiceAccount', namespace, name };
}

describe('RBAC evaluator: Kubernetes semantics', () => {
  it('covers allowed and refused decisions', () => {
    const checks = cases.flatMap((c) => [...(c.checks ?? []), ...(c.nonResource ?? [])]);
    expect(cases.length).toBe(10);
    expect(checks.filter((c) => c.allowed).length).toBeGreaterThan(10);
    expect(checks.filter((c) => !c.allowed).length).toBeGreaterThan(10);
  });

  for (const example of cases) {
    it(example.name, () => {
      const model = new RbacModel(example.objects);
      for (const check of example.checks ?? []) {
        const request = { verb: check.verb, apiGroup: check.apiGroup ?? '', resource: check.resource!, namespace: check.namespace, name: check.name };
        expect(model.allows(subjectOf(check), request), JSON.stringify(check)).toBe(check.allowed);
      }
      for (const check of example.nonResource ?? []) {
        expect(model.allowsNonResource(subjectOf(check), check.verb, check.path!), JSON.stringify(check)).toBe(check.allowed);
      }
      expect(model.unresolved).toEqual(example.unresolved ?? []);
    });
  }

  it('a user is not a service account of the same name, and groups are not users', () => {
    const model = new RbacModel(cases[3].objects);
    expect(model.allows({ kind: 'Group', name: 'dave' }, { verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'dev' })).toBe(false);
    expect(model.allows({ kind: 'ServiceAccount', namespace: 'dev', name: 'dave' }, { verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'dev' })).toBe(false);
  });

  it('whoCan and namespacesFor list the subjects and the namespaces of a permission', () => {
    const model = new RbacModel([...cases[0].objects, ...cases[4].objects]);
    expect(model.whoCan({ verb: 'get', apiGroup: '', resource: 'pods', namespace: 'a' })).toEqual(['ServiceAccount/a/app']);
    expect(model.whoCan({ verb: 'get', apiGroup: '', resource: 'secrets', namespace: 'a' })).toEqual(['Group/manager']);
    expect(model.namespacesFor({ kind: 'ServiceAccount', namespace: 'a', name: 'app' }, 'list', '', 'pods')).toEqual(['a']);
    expect(model.namespacesFor({ kind: 'Group', name: 'manager' }, 'get', '', 'secrets')).toEqual(['*']);
  });
});

describe('RBAC matrix (npm run rbac)', () => {
  it('lists each subject\'s rules with the namespace they hold in and the binding that gave them', () => {
    expect(rbacMatrix([...cases[0].objects, ...cases[3].objects])).toEqual([
      { subject: 'ServiceAccount/a/app', namespace: 'a', verbs: 'get,list', resources: 'core:pods', via: 'RoleBinding/a/reader → Role/a/reader' },
      { subject: 'User/dave', namespace: 'dev', verbs: 'get', resources: 'core:nodes', via: 'RoleBinding/dev/read → ClusterRole/secret-reader' },
      { subject: 'User/dave', namespace: 'dev', verbs: 'get', resources: 'core:secrets', via: 'RoleBinding/dev/read → ClusterRole/secret-reader' },
    ]);
  });
});
