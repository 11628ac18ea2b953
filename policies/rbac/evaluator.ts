// A Kubernetes RBAC evaluator over rendered objects: who may do which verb on which resource in
// which namespace, following the authorizer's rules (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac):
// - a rule matches when its verbs, apiGroups and resources cover the request ("*" covers all; a
//   subresource request "pods/exec" is covered by "pods/exec", "*" or "*/exec" — never by "pods");
//   resourceNames, when set, must contain the request's name (a create or a list has none);
//   nonResourceURLs match exactly or by a trailing "*" and only through ClusterRoleBindings;
// - a RoleBinding grants its Role's or ClusterRole's rules in the binding's namespace only; a
//   ClusterRoleBinding grants a ClusterRole's rules everywhere (every namespace and cluster scope);
// - a ClusterRole with an aggregationRule holds the rules of every ClusterRole its selectors match;
// - ServiceAccount subjects match by namespace and name, and through the groups Kubernetes gives
//   them (system:serviceaccounts, system:serviceaccounts:<ns>, system:authenticated) or the user
//   name system:serviceaccount:<ns>:<name>;
// - there is no deny: the union of every binding decides.
// Roles a binding names that are not rendered (Kubernetes' built-in ClusterRoles) are reported as
// unresolved, never guessed.
import { matchesSelector } from '../helpers';
import type { K8sObject } from '../types';

export interface PolicyRule {
  readonly verbs: readonly string[];
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

export interface Subject {
  readonly kind: 'ServiceAccount' | 'User' | 'Group';
  readonly name: string;
  readonly namespace?: string;
}

/** A resource request: `namespace` undefined is a cluster-scoped request (or all namespaces for a list). */
export interface ResourceRequest {
  readonly verb: string;
  readonly apiGroup: string;
  /** "pods" or with its subresource: "pods/exec". */
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** One rule a subject holds, and where: `namespace` undefined means every namespace and cluster scope. */
export interface Grant {
  readonly rule: PolicyRule;
  readonly namespace?: string;
  /** The binding and role that gave it, `Kind/namespace/name`. */
  readonly binding: string;
  readonly role: string;
}

export interface RoleRef {
  readonly kind: 'Role' | 'ClusterRole';
  readonly name: string;
}

const has = (list: readonly string[] | undefined, value: string) => (list ?? []).includes('*') || (list ?? []).includes(value);

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return has(rule.verbs, verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return has(rule.apiGroups, group);
}

/** Kubernetes' ResourceMatches: "*", the exact "resource[/subresource]", or "*\/subresource". */
export function resourceMatches(rule: PolicyRule, requested: string): boolean {
  const subresource = requested.includes('/') ? requested.slice(requested.indexOf('/') + 1) : '';
  return (rule.resources ?? []).some((r) => r === '*' || r === requested || (subresource !== '' && r === `*/${subresource}`));
}

export function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  if (!rule.resourceNames || rule.resourceNames.length === 0) return true;
  return name !== undefined && rule.resourceNames.includes(name);
}

export function ruleAllows(rule: PolicyRule, request: ResourceRequest): boolean {
  return verbMatches(rule, request.verb) && apiGroupMatches(rule, request.apiGroup) && resourceMatches(rule, request.resource) && resourceNameMatches(rule, request.name);
}

export function nonResourceAllows(rule: PolicyRule, verb: string, path: string): boolean {
  if (!verbMatches(rule, verb)) return false;
  return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))));
}

/** Whether a binding's subject names this subject (directly or through the groups and user name Kubernetes gives it). */
export function subjectMatches(bound: Subject, subject: Subject): boolean {
  if (subject.kind !== 'ServiceAccount') return bound.kind === subject.kind && bound.name === subject.name;
  switch (bound.kind) {
    case 'ServiceAccount':
      return bound.name === subject.name && bound.namespace === subject.namespace;
    case 'User':
      return bound.name === `system:serviceaccount:${subject.namespace}:${subject.name}`;
    case 'Group':
      return ['system:serviceaccounts', `system:serviceaccounts:${subject.namespace}`, 'system:authenticated'].includes(bound.name);
  }
}

/** A label selector as the aggregation controller reads it: an empty selector selects every ClusterRole. */
const selects = (selector: any, labels: Record<string, string>) =>
  Object.keys(selector?.matchLabels ?? {}).length === 0 && !(selector?.matchExpressions ?? []).length ? true : matchesSelector(selector, labels);

const ref = (o: K8sObject) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

export class RbacModel {
  private readonly roles = new Map<string, K8sObject>();
  private readonly clusterRoles = new Map<string, K8sObject>();
  private readonly bindings: K8sObject[] = [];
  /** Bindings whose role is not among the objects: `binding → role`. */
  readonly unresolved: string[] = [];

  constructor(objects: readonly K8sObject[]) {
    for (const o of objects) {
      if (!String(o.apiVersion).startsWith('rbac.authorization.k8s.io/')) continue;
      if (o.kind === 'Role') this.roles.set(`${o.metadata.namespace}/${o.metadata.name}`, o);
      else if (o.kind === 'ClusterRole') this.clusterRoles.set(o.metadata.name, o);
      else if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') this.bindings.push(o);
    }
    for (const b of this.bindings) if (!this.role(b)) this.unresolved.push(`${ref(b)} → ${b.roleRef?.kind}/${b.roleRef?.name}`);
  }

  /** The rules of a ClusterRole, with those its aggregationRule collects. */
  clusterRoleRules(name: string, seen = new Set<string>()): PolicyRule[] {
    const role = this.clusterRoles.get(name);
    if (!role || seen.has(name)) return [];
    seen.add(name);
    const selectors: any[] = role.aggregationRule?.clusterRoleSelectors ?? [];
    if (selectors.length === 0) return role.rules ?? [];
    // The aggregation controller overwrites the role's rules with the union of the matching roles'.
    const members = [...this.clusterRoles.values()].filter((r) => r.metadata.name !== name && selectors.some((s) => selects(s, r.metadata.labels ?? {})));
    return members.flatMap((m) => this.clusterRoleRules(m.metadata.name, seen));
  }

  /** The rules a binding grants (empty when its role is not rendered). */
  rulesOf(binding: K8sObject): PolicyRule[] {
    return this.role(binding)?.rules ?? [];
  }

  private role(binding: K8sObject): { rules: PolicyRule[]; ref: string } | undefined {
    const { kind, name } = binding.roleRef ?? {};
    if (kind === 'Role') {
      // A ClusterRoleBinding cannot name a Role.
      if (binding.kind !== 'RoleBinding') return undefined;
      const role = this.roles.get(`${binding.metadata.namespace}/${name}`);
      return role ? { rules: role.rules ?? [], ref: ref(role) } : undefined;
    }
    if (kind === 'ClusterRole' && this.clusterRoles.has(name)) return { rules: this.clusterRoleRules(name), ref: `ClusterRole/${name}` };
    return undefined;
  }

  /** Every rule the subject holds, with the namespace it holds it in. */
  grants(subject: Subject): Grant[] {
    const grants: Grant[] = [];
    for (const b of this.bindings) {
      const subjects: Subject[] = (b.subjects ?? []).map((s: any) => ({
        kind: s.kind,
        name: s.name,
        // rbac/v1 requires a ServiceAccount subject's namespace; the binding's is the old default.
        namespace: s.kind === 'ServiceAccount' ? (s.namespace ?? b.metadata.namespace) : undefined,
      }));
      if (!subjects.some((s) => subjectMatches(s, subject))) continue;
      const role = this.role(b);
      if (!role) continue;
      const namespace = b.kind === 'RoleBinding' ? b.metadata.namespace : undefined;
      for (const rule of role.rules) grants.push({ rule, namespace, binding: ref(b), role: role.ref });
    }
    return grants;
  }

  /** Whether the subject may make the request (namespaced grants never cover a cluster-scoped request). */
  allows(subject: Subject, request: ResourceRequest): boolean {
    return this.grants(subject).some((g) => (g.namespace === undefined || g.namespace === request.namespace) && ruleAllows(g.rule, request));
  }

  allowsNonResource(subject: Subject, verb: string, path: string): boolean {
    return this.grants(subject).some((g) => g.namespace === undefined && nonResourceAllows(g.rule, verb, path));
  }

  /** Every subject named by some binding. */
  subjects(): Subject[] {
    const seen = new Map<string, Subject>();
    for (const b of this.bindings) {
      for (const s of b.subjects ?? []) {
        const subject: Subject = { kind: s.kind, name: s.name, namespace: s.kind === 'ServiceAccount' ? (s.namespace ?? b.metadata.namespace) : undefined };
        seen.set(`${subject.kind}/${subject.namespace ?? ''}/${subject.name}`, subject);
      }
    }
    return [...seen.values()];
  }

  /** The subjects (named by bindings) that may make the request, as `Kind/namespace/name`. */
  whoCan(request: ResourceRequest): string[] {
    return this.subjects()
      .filter((s) => this.allows(s, request))
      .map((s) => `${s.kind}/${s.namespace ? `${s.namespace}/` : ''}${s.name}`)
      .sort();
  }

  /**
   * The namespaces (or '*' for everywhere) in which the subject may `verb` `resource` of `apiGroup`,
   * for any name: a resourceNames-limited rule does not count.
   */
  namespacesFor(subject: Subject, verb: string, apiGroup: string, resource: string): string[] {
    const found = new Set<string>();
    for (const g of this.grants(subject)) {
      if (verbMatches(g.rule, verb) && apiGroupMatches(g.rule, apiGroup) && resourceMatches(g.rule, resource) && !(g.rule.resourceNames ?? []).length) {
        found.add(g.namespace ?? '*');
      }
    }
    return [...found].sort();
  }
}

export const serviceAccount = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', namespace, name });
