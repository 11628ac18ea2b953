import type { ChartValuesRule } from '../../types';
import { valueAt } from '../../helpers';
import { DATAHUB_CHART, PREREQUISITES_CHART, datahubSecretReferences, finding } from './datahub-values';

export const datahubSyncedSecrets: ChartValuesRule = {
  id: 'CV-DATAHUB-004',
  title: 'Every Secret the DataHub charts reference is synced from Vault by a VaultStaticSecret in their namespace',
  severity: 'error',
  rationale: 'A referenced Secret nobody creates leaves the pods pending, and one created by hand has no source of truth; VSO keeps it in step with Vault.',
  remediation: 'Render a VaultStaticSecret in the chart\'s namespace whose destination.name is the referenced Secret.',
  family: 10,
  scope: 'chart-values',
  charts: [DATAHUB_CHART, PREREQUISITES_CHART],
  check: (chart, rendered) => {
    const namespace = chart.application.object.spec?.destination?.namespace;
    const synced = new Set(
      rendered.documents
        .filter((d) => d.object.kind === 'VaultStaticSecret' && d.object.metadata.namespace === namespace)
        .map((d) => d.object.spec?.destination?.name as string),
    );
    const refs =
      chart.chart === DATAHUB_CHART
        ? datahubSecretReferences(chart.values)
        : ['mysql.auth.existingSecret', 'kafka.sasl.existingSecret', 'kafka.kraft.existingClusterIdSecret']
            .map((where) => ({ where, secret: valueAt(chart.values, where) }))
            .filter((r) => typeof r.secret === 'string');
    return refs
      .filter((r) => !synced.has(r.secret))
      .map((r) => finding(chart, `${r.where} names Secret ${r.secret}, which no VaultStaticSecret in ${namespace} creates`));
  },
};
