// Data quality: failing checks per table and how fresh each table's checks are.
import type { DashboardSpec } from './grafana-json';

export const DATA_QUALITY: DashboardSpec = {
  uid: 'gridata-data-quality',
  title: 'Gridata / Data quality',
  folder: 'Gridata',
  tags: ['gridata', 'quality'],
  panels: [
    { kind: 'stat', title: 'Failing error checks', description: 'Error-severity checks failing on their last run.', queries: [{ expr: 'count(gridata_quality_check_failed{severity="error"} == 1) or vector(0)' }], redAt: 1 },
    { kind: 'stat', title: 'Failing warning checks', description: 'Warning-severity checks failing on their last run.', queries: [{ expr: 'count(gridata_quality_check_failed{severity="warning"} == 1) or vector(0)' }], redAt: 1 },
    { kind: 'table', title: 'Failing checks', description: 'Every check that failed on its last run.', queries: [{ expr: 'max by (table, check, severity) (gridata_quality_check_failed == 1)' }], wide: true },
    { kind: 'timeseries', title: 'Hours since the last check run', description: 'Per table; above 26 h the checks are stale.', queries: [{ expr: '(time() - max by (table) (gridata_quality_check_last_run_timestamp_seconds)) / 3600', legend: '{{table}}' }], unit: 'h' },
    { kind: 'timeseries', title: 'Failing checks per table', description: 'Number of failing checks per table over time.', queries: [{ expr: 'sum by (table) (gridata_quality_check_failed)', legend: '{{table}}' }] },
  ],
};
