// Spark operator alerts (controller metrics, scraped by the spark-operator PodMonitor).
import type { AlertGroup } from './types';

export const SPARK_ALERTS: AlertGroup = {
  name: 'spark',
  alerts: [
    {
      alert: 'SparkApplicationFailed',
      expr: 'sum(increase(spark_application_failure_count[1h])) > 0',
      severity: 'warning',
      summary: 'A SparkApplication failed',
      description: '{{ $value | printf "%.0f" }} SparkApplication failure(s) in the last hour. List them with `kubectl -n spark-jobs get sparkapplications` and read the driver log.',
    },
    {
      alert: 'SparkApplicationsRepeatedlyFailing',
      expr: 'sum(increase(spark_application_failure_count[6h])) >= 3',
      severity: 'critical',
      summary: 'SparkApplications keep failing',
      description: '{{ $value | printf "%.0f" }} SparkApplication failures in the last 6 hours: the pipelines are not producing data.',
    },
  ],
};
