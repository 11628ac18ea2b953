"""Ingestion: landing files for day `ds` of customers, products and clickstream → validated →
ingest_<dataset> into Iceberg; clickstream is then aggregated per customer and day
(gridata.ecommerce.clickstream_daily, the input customer 360 needs). Each table gets an asset event."""

from __future__ import annotations

from airflow.sdk import DAG

from gridata_dags.assets import CLICKSTREAM_DAILY, CLICKSTREAM_EVENTS, CUSTOMERS, PRODUCTS
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
TABLE_OF_DATASET = {"customers": CUSTOMERS, "products": PRODUCTS, "clickstream": CLICKSTREAM_EVENTS}

with DAG(
    dag_id="ecommerce_ingestion",
    description="Ingest customers, products and clickstream landing files into Iceberg tables",
    doc_md=__doc__,
    schedule=daily_after_day_ends(),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=default_task_args(settings),
    tags=["ecommerce", "ingestion"],
):
    ingested = {}
    for dataset, table in TABLE_OF_DATASET.items():
        ingest = spark_job_task(f"ingest_{dataset}", **spark_args)
        wait_for_landing_sensor(dataset, settings) >> validate_landing_task(dataset, settings) >> ingest
        ingest >> publish_table_task(table, task_id=f"publish_{dataset}_asset")
        ingested[dataset] = ingest

    aggregate = spark_job_task("aggregate_clickstream_daily", **spark_args)
    publish_daily = publish_table_task(CLICKSTREAM_DAILY, task_id="publish_clickstream_daily_asset")
    ingested["clickstream"] >> aggregate >> publish_daily
