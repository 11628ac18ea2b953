import type { ChartValuesRule, Finding } from '../../types';
import { valueAt } from '../../helpers';
import { PREREQUISITES_CHART, enabled, finding } from './datahub-values';
import { secretLiterals } from './values-checks';

const MYSQL_LITERALS = ['mysql.auth.rootPassword', 'mysql.auth.password', 'mysql.auth.replicationPassword'];

export const datahubPrerequisitesSecrets: ChartValuesRule = {
  id: 'CV-DATAHUB-PRE-002',
  title: 'The prerequisites take their passwords and Kafka cluster id from pre-created Secrets, never from values or the chart',
  severity: 'error',
  rationale:
    'Bitnami MySQL and Kafka generate random passwords (and Kafka a random KRaft cluster id) when none is referenced, rotating on every render; inline passwords land in git.',
  remediation: 'Set mysql.auth.existingSecret, kafka.sasl.existingSecret and kafka.kraft.existingClusterIdSecret (Secrets synced from Vault) and remove password values.',
  family: 10,
  scope: 'chart-values',
  charts: [PREREQUISITES_CHART],
  check: (chart) => {
    const at = (path: string) => valueAt(chart.values, path);
    const findings: Finding[] = [];
    if (enabled(chart.values, 'mysql', true)) {
      if (!at('mysql.auth.existingSecret')) findings.push(finding(chart, 'mysql.auth.existingSecret is not set, so the chart generates the MySQL passwords'));
      for (const path of MYSQL_LITERALS) if (at(path)) findings.push(finding(chart, `${path} holds a literal password`));
    }
    if (enabled(chart.values, 'kafka', true)) {
      if (!at('kafka.sasl.existingSecret')) findings.push(finding(chart, 'kafka.sasl.existingSecret is not set, so the chart generates the Kafka SASL passwords'));
      if (at('kafka.kraft.enabled') !== false && !at('kafka.kraft.existingClusterIdSecret')) {
        findings.push(finding(chart, 'kafka.kraft.existingClusterIdSecret is not set, so the chart renders a KRaft cluster id Secret (random unless kafka.kraft.clusterId is a literal)'));
      }
    }
    if (enabled(chart.values, 'neo4j', false) && !at('neo4j.neo4j.passwordFromSecret')) {
      findings.push(finding(chart, 'neo4j is enabled without neo4j.neo4j.passwordFromSecret (its default password is public)'));
    }
    findings.push(...secretLiterals(chart.values).map((path) => finding(chart, `${path} looks like a secret value`)));
    return findings;
  },
};
