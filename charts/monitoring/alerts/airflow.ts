// Airflow alerts over the statsd-exporter series (chart mappings, prefix `airflow`).
import type { AlertGroup } from './types';

export const AIRFLOW_ALERTS: AlertGroup = {
  name: 'airflow',
  alerts: [
    {
      alert: 'AirflowDagRunFailed',
      // The timer series only appears at a DAG's first failure, where increase() sees a single
      // sample; the `unless ... offset` arm catches exactly that first failure.
      expr: [
        'sum by (dag_id) (increase(airflow_dagrun_failed_count[1h])) > 0',
        'or',
        'count by (dag_id) (airflow_dagrun_failed_count unless airflow_dagrun_failed_count offset 1h)',
      ].join('\n'),
      severity: 'warning',
      summary: 'DAG {{ $labels.dag_id }} has failed runs',
      description: 'At least one run of DAG {{ $labels.dag_id }} failed in the last hour. Check the run in the Airflow UI and the task logs in the object store.',
    },
    {
      alert: 'AirflowSchedulerHeartbeatMissing',
      expr: 'sum(rate(airflow_scheduler_heartbeat[5m])) == 0 or absent(airflow_scheduler_heartbeat)',
      for: '5m',
      severity: 'critical',
      summary: 'No Airflow scheduler is heartbeating',
      description: 'No scheduler heartbeat has reached statsd for 5 minutes: no task is being scheduled. Check the scheduler pods and their connection to the metadata database.',
    },
  ],
};
