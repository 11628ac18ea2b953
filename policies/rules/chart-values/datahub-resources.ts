import type { ChartValuesRule } from '../../types';
import { DATAHUB_CHART, datahubResourcePaths } from './datahub-values';
import { missingResources } from './values-checks';

export const datahubResources: ChartValuesRule = {
  id: 'CV-DATAHUB-001',
  title: 'Every DataHub component (GMS, frontend, actions, system update, consumers) has CPU and memory requests and limits',
  severity: 'error',
  rationale: 'The chart leaves CPU limits empty by default; unbounded JVMs starve the namespace quota and the node.',
  remediation: 'Set resources (cpu/memory requests and limits) for the reported DataHub component from sizing.datahub in environments/<env>.yaml.',
  family: 10,
  scope: 'chart-values',
  charts: [DATAHUB_CHART],
  check: (chart) => missingResources(chart, datahubResourcePaths(chart.values)),
};
