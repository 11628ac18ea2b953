// Turns rendered PrometheusRule documents into a plain Prometheus rule file (what the operator
// hands to Prometheus), and alert unit-test cases into a promtool test file.
import { stringify } from 'yaml';

export interface RuleGroup {
  readonly name: string;
  readonly rules: readonly Record<string, unknown>[];
}

interface PrometheusRuleObject {
  readonly kind: string;
  readonly spec?: { readonly groups?: readonly RuleGroup[] };
}

export function ruleFileFromPrometheusRules(objects: readonly PrometheusRuleObject[]): string {
  const groups = objects.filter((o) => o.kind === 'PrometheusRule').flatMap((o) => o.spec?.groups ?? []);
  if (groups.length === 0) throw new Error('no PrometheusRule groups to write');
  return stringify({ groups });
}

export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

export interface ExpectedAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface AlertScenario {
  readonly name: string;
  /** Sample spacing; defaults to 1m. */
  readonly interval?: string;
  readonly series: readonly InputSeries[];
  readonly evalTime: string;
  readonly alert: string;
  /** Empty = the alert must stay quiet at evalTime. */
  readonly expected: readonly ExpectedAlert[];
}

export function promtoolTestFile(ruleFile: string, scenarios: readonly AlertScenario[]): string {
  return stringify({
    rule_files: [ruleFile],
    evaluation_interval: '1m',
    tests: scenarios.map((s) => ({
      name: s.name,
      interval: s.interval ?? '1m',
      input_series: s.series.map((x) => ({ series: x.series, values: x.values })),
      alert_rule_test: [
        {
          eval_time: s.evalTime,
          alertname: s.alert,
          exp_alerts: s.expected.map((e) => ({ exp_labels: e.labels, exp_annotations: e.annotations })),
        },
      ],
    })),
  });
}
