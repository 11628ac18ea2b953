import type { ChartValuesRule } from '../../types';
import { PREREQUISITES_CHART, prerequisitesResourcePaths } from './datahub-values';
import { missingResources } from './values-checks';

export const datahubPrerequisitesResources: ChartValuesRule = {
  id: 'CV-DATAHUB-PRE-001',
  title: 'OpenSearch, MySQL and Kafka of the DataHub prerequisites have CPU and memory requests and limits',
  severity: 'error',
  rationale: 'The subcharts default to unbounded or preset sizes; sizing comes from the environment file.',
  remediation: 'Set resources (cpu/memory requests and limits) for OpenSearch, MySQL and Kafka from sizing.datahub in environments/<env>.yaml.',
  family: 10,
  scope: 'chart-values',
  charts: [PREREQUISITES_CHART],
  check: (chart) => missingResources(chart, prerequisitesResourcePaths(chart.values)),
};
