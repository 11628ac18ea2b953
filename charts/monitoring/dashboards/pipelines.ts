// Pipelines: DAG runs, tasks and the SparkApplications they submit.
import type { DashboardSpec } from './grafana-json';

export const PIPELINES: DashboardSpec = {
  uid: 'gridata-pipelines',
  title: 'Gridata / Pipelines',
  folder: 'Gridata',
  tags: ['gridata', 'airflow', 'spark'],
  panels: [
    { kind: 'timeseries', title: 'Failed DAG runs per DAG (1h)', description: 'DAG runs that ended failed, per DAG.', queries: [{ expr: 'sum by (dag_id) (increase(airflow_dagrun_failed_count[1h]))', legend: '{{dag_id}}' }] },
    { kind: 'timeseries', title: 'Successful DAG run duration (p50)', description: 'Median duration of successful DAG runs.', queries: [{ expr: 'max by (dag_id) (airflow_dagrun_duration_success{quantile="0.5"})', legend: '{{dag_id}}' }], unit: 'ms' },
    { kind: 'timeseries', title: 'Task failures (1h)', description: 'Task instance failures across all DAGs.', queries: [{ expr: 'sum(increase(airflow_ti_failures[1h]))', legend: 'failures' }] },
    { kind: 'timeseries', title: 'Executor slots', description: 'KubernetesExecutor running and queued tasks.', queries: [{ expr: 'sum(airflow_executor_running_tasks)', legend: 'running' }, { expr: 'sum(airflow_executor_queued_tasks)', legend: 'queued' }] },
    { kind: 'timeseries', title: 'SparkApplications', description: 'Running applications and failures/successes per hour.', queries: [{ expr: 'sum(spark_application_running_count)', legend: 'running' }, { expr: 'sum(increase(spark_application_failure_count[1h]))', legend: 'failed (1h)' }, { expr: 'sum(increase(spark_application_success_count[1h]))', legend: 'succeeded (1h)' }] },
    { kind: 'timeseries', title: 'Spark executor failures (1h)', description: 'Executors lost or failed.', queries: [{ expr: 'sum(increase(spark_executor_failure_count[1h]))', legend: 'executor failures' }] },
  ],
};
