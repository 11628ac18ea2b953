"""Customer 360: runs once orders, customers and daily clickstream all have checked data for a day
(asset-triggered), builds gridata.analytics.customer_360 as of that day, checks it, and records it."""

from __future__ import annotations

from typing import Any

from airflow.sdk import DAG, task

from gridata_dags.as_of import resolve_as_of_date
from gridata_dags.assets import CUSTOMER_360, CUSTOMER_360_INPUTS
from gridata_dags.config import load_settings
from gridata_dags.defaults import START_DATE, default_task_args
from gridata_dags.lineage import publish_table_task
from gridata_dags.spark import spark_job_task

settings = load_settings()
spark_args = {
    "kubernetes_conn_id": settings.kubernetes_conn_id,
    "execution_timeout": settings.spark_task_timeout,
    # Bounds the SparkApplications running at once to what the spark-jobs quota admits.
    "pool": settings.spark_pool,
}
orders, customers, clickstream_daily = CUSTOMER_360_INPUTS

with DAG(
    dag_id="ecommerce_customer_360",
    description="Build the customer 360 analytics table once its input tables are checked for a day",
    doc_md=__doc__,
    schedule=orders & customers & clickstream_daily,
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,  # the table is replaced per as-of day; runs must not overlap
    default_args=default_task_args(settings),
    tags=["ecommerce", "customer", "analytics"],
):

    @task(task_id="resolve_as_of_date")
    def resolve(**context: Any) -> str:
        return resolve_as_of_date(context, CUSTOMER_360_INPUTS)

    as_of_date = resolve()
    as_of_template = "{{ ti.xcom_pull(task_ids='resolve_as_of_date') }}"
    build = spark_job_task("customer_360", as_of_date=as_of_template, **spark_args)
    checks = spark_job_task("quality_checks_customer_360", as_of_date=as_of_template, **spark_args)
    publish = publish_table_task(
        CUSTOMER_360, task_id="publish_customer_360_asset", ds=as_of_date, inlets=list(CUSTOMER_360_INPUTS)
    )

    as_of_date >> build >> checks >> publish
