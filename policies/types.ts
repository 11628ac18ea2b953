// The policy model: a rule checks one rendered document, a whole rendered environment, or an
// upstream chart's values. Each rule has an id, a severity, a one-line rationale, a remediation and fixtures.
import type { EnvName } from '../environments/catalog';

export type Severity = 'error' | 'warning';

/** A Kubernetes object as rendered (parsed from dist/<env>/<component>/<file>). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [key: string]: any;
}

export interface RenderedDocument {
  readonly env: EnvName;
  /** Folder under dist/<env>/, i.e. the owning Argo CD Application's component. */
  readonly component: string;
  /** Path relative to the repository root. */
  readonly file: string;
  /** True when the file carries Argo CD's skip marker (rendered for review, submitted at run time). */
  readonly reviewOnly: boolean;
  readonly object: K8sObject;
}

/** An upstream chart installed by an Argo CD Application, with its generated values. */
export interface ChartValues {
  readonly env: EnvName;
  readonly application: RenderedDocument;
  readonly chart: string;
  readonly version: string;
  readonly values: Record<string, any>;
  /**
   * True when the chart's objects are rendered into the environment (read from a values file beside
   * them): rules then judge those objects, and values only for what has no object of its own.
   */
  readonly hydrated?: boolean;
}

export interface RenderedEnvironment {
  readonly env: EnvName;
  readonly documents: readonly RenderedDocument[];
  /** Component folders that exist under dist/<env>/. */
  readonly folders: readonly string[];
  readonly charts: readonly ChartValues[];
}

export interface Finding {
  readonly message: string;
  /** The object the finding is about; defaults to the checked document. */
  readonly document?: RenderedDocument;
}

interface RuleBase<P> {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly rationale: string;
  /** What to change when the rule fires; printed under each violation and in README's rule table. */
  readonly remediation: string;
  /** Policy family number (see FAMILIES in policies/families.ts). */
  readonly family: number;
  /**
   * The rule's expectations (label keys, namespaces, tag patterns...), kube-linter `params` style.
   * Defaults are written in the rule itself, never imported from the generator (charts/, apps/):
   * a wrong generator constant must not move the expectation with it. Passed to `check`.
   */
  readonly params?: P;
  /**
   * Set when the rule cannot fail over what the renderer produces today (the generator's types
   * already rule the problem out): why it is kept anyway. Listed as a guard in README's rule table.
   */
  readonly guard?: string;
}

// `check` is declared as a method so a rule with concrete params is still a `Rule`.
export interface DocumentRule<P = undefined> extends RuleBase<P> {
  readonly scope: 'document';
  check(doc: RenderedDocument, params: P): Finding[];
}

export interface EnvironmentRule<P = undefined> extends RuleBase<P> {
  readonly scope: 'environment';
  check(rendered: RenderedEnvironment, params: P): Finding[];
}

export interface ChartValuesRule<P = undefined> extends RuleBase<P> {
  readonly scope: 'chart-values';
  /** Which charts the rule understands (the keys differ per chart); '*' for every chart. */
  readonly charts: readonly string[] | '*';
  check(chart: ChartValues, rendered: RenderedEnvironment, params: P): Finding[];
}

export type Rule = DocumentRule<any> | EnvironmentRule<any> | ChartValuesRule<any>;

export interface Violation {
  readonly env: EnvName;
  readonly component: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly file: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The rule's remediation line. */
  readonly remediation: string;
}

export interface Exemption {
  readonly rule: string;
  /** Environments the exemption covers; all when omitted. */
  readonly envs?: readonly EnvName[];
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly reason: string;
  /** ISO date (YYYY-MM-DD) after which the exemption is itself a violation. */
  readonly expires: string;
}
