"""Every task retries with exponential backoff, has an execution timeout and the failure callback;
sensors defer; Spark tasks submit the job their id names; settings come from the environment."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import DAGS_DIR, parse_dag_folder

from gridata_dags.callbacks import on_task_failure
from gridata_dags.spark import GridataSparkApplicationOperator

SPARK_JOB_OF_TASK = {
    ("ecommerce_orders_pipeline", "process_orders"): "process_orders",
    ("ecommerce_orders_pipeline", "quality_checks"): "quality_checks",
    ("ecommerce_ingestion", "ingest_customers"): "ingest_customers",
    ("ecommerce_ingestion", "ingest_products"): "ingest_products",
    ("ecommerce_ingestion", "ingest_clickstream"): "ingest_clickstream",
    ("ecommerce_ingestion", "aggregate_clickstream_daily"): "aggregate_clickstream_daily",
    ("ecommerce_customer_360", "customer_360"): "customer_360",
    ("ecommerce_customer_360", "quality_checks_customer_360"): "quality_checks_customer_360",
}


def all_tasks(dags):
    return [(dag_id, task) for dag_id, dag in sorted(dags.items()) for task in dag.tasks]


def test_every_task_retries_with_exponential_backoff(dags):
    for dag_id, task in all_tasks(dags):
        where = f"{dag_id}.{task.task_id}"
        assert task.retries == 3, where
        assert task.retry_delay == timedelta(minutes=2), where
        assert task.retry_exponential_backoff == 2.0, where
        assert task.max_retry_delay == timedelta(minutes=30), where


def test_every_task_has_an_execution_timeout_fitting_its_kind(dags):
    for dag_id, task in all_tasks(dags):
        where = f"{dag_id}.{task.task_id}"
        if isinstance(task, GridataSparkApplicationOperator):
            expected = timedelta(hours=2)
        elif task.task_type == "S3KeySensor":
            expected = timedelta(hours=12)
        else:
            expected = timedelta(minutes=10)
        assert task.execution_timeout == expected, where


def test_every_task_reports_failures(dags):
    for dag_id, task in all_tasks(dags):
        callbacks = task.on_failure_callback
        callbacks = callbacks if isinstance(callbacks, list) else [callbacks]
        assert on_task_failure in callbacks, f"{dag_id}.{task.task_id}"


def test_landing_sensors_defer_and_watch_the_days_prefix(dags):
    sensors = [(dag_id, task) for dag_id, task in all_tasks(dags) if task.task_type == "S3KeySensor"]
    assert sorted(task.task_id for _, task in sensors) == [
        "wait_for_clickstream_files",
        "wait_for_customers_files",
        "wait_for_orders_files",
        "wait_for_products_files",
    ]
    for _, sensor in sensors:
        dataset = sensor.task_id.removeprefix("wait_for_").removesuffix("_files")
        assert sensor.deferrable is True
        assert sensor.wildcard_match is False  # waits for the completion marker the producer writes last
        assert sensor.bucket_name == "gridata-raw"
        assert sensor.bucket_key == f"raw/ecommerce/{dataset}/{{{{ ds }}}}/_SUCCESS"
        assert sensor.aws_conn_id == "gridata_s3"
        assert sensor.timeout == timedelta(hours=12).total_seconds()
        assert sensor.poke_interval == 300


def test_spark_tasks_submit_the_job_their_id_names(dags):
    spark_tasks = {
        (dag_id, task.task_id): task
        for dag_id, task in all_tasks(dags)
        if isinstance(task, GridataSparkApplicationOperator)
    }
    assert set(spark_tasks) == set(SPARK_JOB_OF_TASK)
    for key, task in spark_tasks.items():
        assert task.job_id == SPARK_JOB_OF_TASK[key]
        assert task.kubernetes_conn_id == "kubernetes_default"
        assert task.application_file is None, "the spec must not be read at parse time"
        assert task.get_logs is True
        assert (task.pool, task.pool_slots) == ("spark_jobs", 1), key


def test_only_spark_tasks_take_spark_pool_slots(dags):
    for dag_id, task in all_tasks(dags):
        if not isinstance(task, GridataSparkApplicationOperator):
            assert task.pool != "spark_jobs", f"{dag_id}.{task.task_id}"


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GRIDATA_KUBERNETES_CONN_ID", "k8s_in_cluster")
    monkeypatch.setenv("GRIDATA_S3_CONN_ID", "object_store")
    monkeypatch.setenv("GRIDATA_RAW_BUCKET", "raw-landing")
    monkeypatch.setenv("GRIDATA_TASK_RETRIES", "5")
    monkeypatch.setenv("GRIDATA_SPARK_TASK_TIMEOUT_MINUTES", "45")
    monkeypatch.setenv("GRIDATA_SPARK_POOL", "spark_small")
    bag = parse_dag_folder(DAGS_DIR)
    assert bag.import_errors == {}
    orders = bag.dags["ecommerce_orders_pipeline"]
    assert orders.get_task("process_orders").kubernetes_conn_id == "k8s_in_cluster"
    assert orders.get_task("process_orders").execution_timeout == timedelta(minutes=45)
    assert orders.get_task("process_orders").pool == "spark_small"
    assert orders.get_task("wait_for_orders_files").aws_conn_id == "object_store"
    assert orders.get_task("wait_for_orders_files").bucket_name == "raw-landing"
    assert {task.retries for dag in bag.dags.values() for task in dag.tasks} == {5}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("GRIDATA_TASK_RETRIES", "three", "GRIDATA_TASK_RETRIES must be a whole number, found 'three'"),
        ("GRIDATA_SPARK_TASK_TIMEOUT_MINUTES", "0", "GRIDATA_SPARK_TASK_TIMEOUT_MINUTES must be greater than 0"),
        ("GRIDATA_RAW_BUCKET", " ", "GRIDATA_RAW_BUCKET is set but empty"),
    ],
)
def test_a_bad_setting_is_an_import_error_naming_the_variable(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    bag = parse_dag_folder(DAGS_DIR)
    assert bag.dag_ids == []
    assert len(bag.import_errors) == 3
    for error in bag.import_errors.values():
        assert message in error
