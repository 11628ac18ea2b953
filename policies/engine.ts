// Runs rules over a rendered environment and applies exemptions (which are code, with a reason
// and an expiry; an expired or unused exemption is itself reported).
import type { EnvName } from '../environments/catalog';
import type { Exemption, RenderedDocument, RenderedEnvironment, Rule, Violation } from './types';

export const EXPIRED_EXEMPTION_RULE = 'EXEMPT-001';
export const UNUSED_EXEMPTION_RULE = 'EXEMPT-002';
const EXEMPTION_REMEDIATION: Record<string, string> = {
  [EXPIRED_EXEMPTION_RULE]: 'Fix the finding and delete the exemption from policies/exemptions.ts, or renew its expiry with a reviewed reason.',
  [UNUSED_EXEMPTION_RULE]: 'Delete the exemption from policies/exemptions.ts: nothing needs it any more.',
};

export interface EvaluateOptions {
  readonly exemptions?: readonly Exemption[];
  /** Today's date (YYYY-MM-DD); injectable so expiry is testable. */
  readonly today?: string;
}

export interface Evaluation {
  readonly violations: Violation[];
  /** Exemptions that matched at least one finding in this environment. */
  readonly usedExemptions: Set<Exemption>;
}

export function evaluate(rendered: RenderedEnvironment, rules: readonly Rule[], options: EvaluateOptions = {}): Evaluation {
  const raw: Violation[] = [];
  for (const rule of rules) {
    const push = (doc: RenderedDocument, message: string) => raw.push(violation(doc, rule, message));
    if (rule.scope === 'document') {
      for (const doc of rendered.documents) for (const f of rule.check(doc, rule.params)) push(f.document ?? doc, f.message);
    } else if (rule.scope === 'environment') {
      for (const f of rule.check(rendered, rule.params)) {
        if (!f.document) throw new Error(`${rule.id}: environment findings must name a document`);
        push(f.document, f.message);
      }
    } else {
      for (const chart of rendered.charts.filter((c) => rule.charts === '*' || rule.charts.includes(c.chart))) {
        for (const f of rule.check(chart, rendered, rule.params)) push(f.document ?? chart.application, `chart ${chart.chart}@${chart.version}: ${f.message}`);
      }
    }
  }
  const exemptions = (options.exemptions ?? []).filter((e) => !e.envs || e.envs.includes(rendered.env));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const used = new Set<Exemption>();
  const violations = raw.filter((v) => {
    const match = exemptions.find((e) => matches(e, v));
    if (!match) return true;
    used.add(match);
    return false;
  });
  for (const e of exemptions) {
    if (e.expires < today) {
      violations.push(exemptionViolation(rendered.env, e, EXPIRED_EXEMPTION_RULE, `exemption from ${e.rule} expired on ${e.expires} (reason was: ${e.reason})`));
    }
  }
  return { violations: sortViolations(violations), usedExemptions: used };
}

/** Exemptions that matched nothing in any environment are stale and must be removed. */
export function unusedExemptions(exemptions: readonly Exemption[], evaluations: ReadonlyMap<EnvName, Evaluation>): Violation[] {
  const used = new Set<Exemption>();
  for (const evaluation of evaluations.values()) for (const e of evaluation.usedExemptions) used.add(e);
  return exemptions
    .filter((e) => !used.has(e))
    .map((e) => exemptionViolation(e.envs?.[0] ?? 'dev', e, UNUSED_EXEMPTION_RULE, `exemption from ${e.rule} matches no finding; remove it`));
}

function matches(e: Exemption, v: Violation): boolean {
  return e.rule === v.ruleId && e.kind === v.kind && e.name === v.name && (e.namespace ?? undefined) === (v.namespace ?? undefined);
}

function violation(doc: RenderedDocument, rule: Rule, message: string): Violation {
  return {
    env: doc.env,
    component: doc.component,
    kind: doc.object.kind,
    namespace: doc.object.metadata?.namespace,
    name: doc.object.metadata?.name,
    file: doc.file,
    ruleId: rule.id,
    severity: rule.severity,
    message,
    remediation: rule.remediation,
  };
}

function exemptionViolation(env: EnvName, e: Exemption, ruleId: string, message: string): Violation {
  return { env, component: 'policies', kind: e.kind, namespace: e.namespace, name: e.name, file: 'policies/exemptions.ts', ruleId, severity: 'error', message, remediation: EXEMPTION_REMEDIATION[ruleId]! };
}

export function formatViolation(v: Violation): string {
  const object = [v.kind, v.namespace, v.name].filter(Boolean).join('/');
  return `${v.env} ${v.component} ${object} ${v.ruleId}: ${v.message}`;
}

/** The remediation line printed under a violation. */
export function formatRemediation(v: Violation): string {
  return `  fix: ${v.remediation}`;
}

/** A rule with some of its params replaced (e.g. another label set, another job namespace). */
export function withParams<R extends Rule>(rule: R, params: Partial<NonNullable<R['params']>>): R {
  return { ...rule, params: { ...(rule.params ?? {}), ...params } };
}

function sortViolations(vs: Violation[]): Violation[] {
  return vs.sort((a, b) => formatViolation(a).localeCompare(formatViolation(b)));
}
