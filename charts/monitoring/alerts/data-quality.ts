// Data-quality alerts over the metrics the quality_checks job pushes:
// gridata_quality_check_failed{table,check,severity} (1 = failed) and
// gridata_quality_check_last_run_timestamp_seconds{table}.
import type { AlertGroup } from './types';

/** The pipelines run daily; two hours of slack before a table's checks count as stale. */
export const QUALITY_STALE_AFTER_SECONDS = 26 * 3600;

export const DATA_QUALITY_ALERTS: AlertGroup = {
  name: 'data-quality',
  alerts: [
    {
      alert: 'DataQualityCheckFailed',
      expr: 'max by (table, check) (gridata_quality_check_failed{severity="error"}) == 1',
      severity: 'critical',
      summary: 'Data-quality check {{ $labels.check }} failed on {{ $labels.table }}',
      description: 'The error-severity check {{ $labels.check }} failed on its last run over {{ $labels.table }}; the pipeline refused to publish. See gridata.quality.check_results for the run.',
    },
    {
      alert: 'DataQualityCheckWarning',
      expr: 'max by (table, check) (gridata_quality_check_failed{severity="warning"}) == 1',
      severity: 'warning',
      summary: 'Data-quality check {{ $labels.check }} warns on {{ $labels.table }}',
      description: 'The warning-severity check {{ $labels.check }} failed on its last run over {{ $labels.table }}. See gridata.quality.check_results for the run.',
    },
    {
      alert: 'DataQualityChecksStale',
      expr: `time() - max by (table) (gridata_quality_check_last_run_timestamp_seconds) > ${QUALITY_STALE_AFTER_SECONDS}`,
      severity: 'warning',
      summary: 'Data-quality checks on {{ $labels.table }} have not run for over 26 hours',
      description: 'The last quality-check run over {{ $labels.table }} was {{ $value | humanizeDuration }} ago; the daily pipeline is probably stuck.',
    },
  ],
};
