"""Orders: landing files for day `ds` → validated → process_orders (Iceberg MERGE into
gridata.ecommerce.orders) → quality_checks → asset event for customer 360 and lineage."""

from __future__ import annotations

from airflow.sdk import DAG

from gridata_dags.assets import ORDERS
from gridata_dags.config import load_settings
from gridata_dags.defaults import START_DATE, daily_after_day_ends, default_task_args
from gridata_dags.landing import validate_landing_task, wait_for_landing_sensor
from gridata_dags.lineage import publish_table_task
from gridata_dags.spark import spark_job_task

settings = load_settings()
spark_args = {
    "kubernetes_conn_id": settings.kubernetes_conn_id,
    "execution_timeout": settings.spark_task_timeout,
    # Bounds the SparkApplications running at once to what the spark-jobs quota admits.
    "pool": settings.spark_pool,
}

with DAG(
    dag_id="ecommerce_orders_pipeline",
    description="Process e-commerce orders from raw landing files to the curated Iceberg table",
    doc_md=__doc__,
    schedule=daily_after_day_ends(),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,  # runs MERGE into one table; one day at a time keeps them ordered
    default_args=default_task_args(settings),
    tags=["ecommerce", "orders"],
):
    wait_for_files = wait_for_landing_sensor("orders", settings, task_id="wait_for_orders_files")
    validate_files = validate_landing_task("orders", settings, task_id="validate_orders_files")
    process_orders = spark_job_task("process_orders", **spark_args)
    quality_checks = spark_job_task("quality_checks", **spark_args)
    publish_orders = publish_table_task(ORDERS, task_id="publish_orders_asset")

    wait_for_files >> validate_files >> process_orders >> quality_checks >> publish_orders
