// One PrometheusRule per alert group, every alert with severity, summary, description and runbook.
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { Environment } from '../../environments/types';
import { LABEL } from '../shared/labels';
import { ALERT_GROUPS } from './alerts';
import type { AlertGroup } from './alerts/types';
import { runbookUrl } from './runbooks';
import { MONITORING_NAMESPACE, SKIP_DRY_RUN } from './constants';

export const prometheusRuleName = (group: AlertGroup) => `gridata-${group.name}`;

export function prometheusRuleSpec(env: Environment, group: AlertGroup): NonNullable<IPrometheusRule['spec']> {
  return {
    groups: [
      {
        name: `gridata.${group.name}`,
        rules: group.alerts.map((a) => ({
          alert: a.alert,
          expr: a.expr,
          ...(a.for ? { for: a.for } : {}),
          labels: { severity: a.severity, team: 'data-platform' },
          annotations: { summary: a.summary, description: a.description, runbook_url: runbookUrl(env, a.alert) },
        })),
      },
    ],
  };
}

export function renderPrometheusRules(scope: Construct, env: Environment): void {
  for (const group of ALERT_GROUPS) {
    new ApiObject(scope, `rule-${group.name}`, {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: {
        name: prometheusRuleName(group),
        namespace: MONITORING_NAMESPACE,
        labels: { [LABEL.name]: 'gridata-alerts', [LABEL.component]: group.name },
        annotations: SKIP_DRY_RUN,
      },
      spec: prometheusRuleSpec(env, group),
    });
  }
}
