// The shape of one Gridata alert. Expressions and templates are plain PromQL / Go templates:
// cdk8s output is not passed through Helm, so `{{ $labels.x }}` needs no escaping.

export type AlertSeverity = 'critical' | 'warning';

export interface AlertDefinition {
  /** PascalCase alert name; also the runbook anchor (lower-cased). */
  readonly alert: string;
  readonly expr: string;
  /** How long the condition must hold before the alert fires (Prometheus duration). */
  readonly for?: string;
  readonly severity: AlertSeverity;
  readonly summary: string;
  readonly description: string;
}

export interface AlertGroup {
  /** Rule group name and PrometheusRule name suffix. */
  readonly name: string;
  readonly alerts: readonly AlertDefinition[];
}
