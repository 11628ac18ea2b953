import type { ChartValuesRule } from '../../types';
import { missingResources } from './values-checks';

/** Every container the Airflow chart renders for a KubernetesExecutor deployment. */
export const AIRFLOW_RESOURCE_PATHS = [
  'scheduler.resources',
  'scheduler.logGroomerSidecar.resources',
  'apiServer.resources',
  'dagProcessor.resources',
  'dagProcessor.logGroomerSidecar.resources',
  'triggerer.resources',
  'triggerer.logGroomerSidecar.resources',
  'workers.kubernetes.resources',
  'statsd.resources',
  'dags.gitSync.resources',
  'migrateDatabaseJob.resources',
  'createUserJob.resources',
  'cleanup.resources',
];

export const airflowResources: ChartValuesRule = {
  id: 'CV-AIRFLOW-001',
  title: 'Every Airflow chart component has CPU and memory requests and limits',
  severity: 'error',
  rationale: 'The chart leaves resources empty by default; unbounded pods starve the namespace quota and the node.',
  remediation: 'Set resources (cpu/memory requests and limits) for the reported Airflow chart key from sizing.airflow in environments/<env>.yaml.',
  family: 10,
  scope: 'chart-values',
  charts: ['airflow'],
  check: (chart) => missingResources(chart, [...AIRFLOW_RESOURCE_PATHS, ...(chart.values.pgbouncer?.enabled ? ['pgbouncer.resources'] : [])]),
};
