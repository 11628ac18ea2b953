"""Task graphs, schedules and run settings exactly as designed."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

EXPECTED_EDGES = {
    "ecommerce_orders_pipeline": {
        ("wait_for_orders_files", "validate_orders_files"),
        ("validate_orders_files", "process_orders"),
        ("process_orders", "quality_checks"),
        ("quality_checks", "publish_orders_asset"),
    },
    "ecommerce_ingestion": {
        ("wait_for_customers_files", "validate_customers_files"),
        ("validate_customers_files", "ingest_customers"),
        ("ingest_customers", "publish_customers_asset"),
        ("wait_for_products_files", "validate_products_files"),
        ("validate_products_files", "ingest_products"),
        ("ingest_products", "publish_products_asset"),
        ("wait_for_clickstream_files", "validate_clickstream_files"),
        ("validate_clickstream_files", "ingest_clickstream"),
        ("ingest_clickstream", "publish_clickstream_asset"),
        ("ingest_clickstream", "aggregate_clickstream_daily"),
        ("aggregate_clickstream_daily", "publish_clickstream_daily_asset"),
    },
    "ecommerce_customer_360": {
        ("resolve_as_of_date", "customer_360"),
        # the publish task also reads the as-of day from resolve_as_of_date's XCom
        ("resolve_as_of_date", "publish_customer_360_asset"),
        ("customer_360", "quality_checks_customer_360"),
        ("quality_checks_customer_360", "publish_customer_360_asset"),
    },
}


def edges_of(dag) -> set[tuple[str, str]]:
    return {(task.task_id, downstream) for task in dag.tasks for downstream in task.downstream_task_ids}


def task_ids_in(edges: set[tuple[str, str]]) -> set[str]:
    return {task_id for edge in edges for task_id in edge}


@pytest.mark.parametrize("dag_id", sorted(EXPECTED_EDGES))
def test_task_ids_and_edges_are_exactly_as_designed(dags, dag_id):
    dag = dags[dag_id]
    assert set(dag.task_ids) == task_ids_in(EXPECTED_EDGES[dag_id])
    assert edges_of(dag) == EXPECTED_EDGES[dag_id]


def scheduler_view(dag):
    """The DAG as the scheduler sees it: serialized, then deserialized with core timetables."""
    from airflow.serialization.serialized_objects import DagSerialization

    return DagSerialization.from_dict(DagSerialization.to_dict(dag))


@pytest.mark.parametrize("dag_id", ["ecommerce_orders_pipeline", "ecommerce_ingestion"])
def test_landing_dags_run_daily_once_the_day_is_over(dags, dag_id):
    from airflow.timetables.interval import CronDataIntervalTimetable

    timetable = scheduler_view(dags[dag_id]).timetable
    assert isinstance(timetable, CronDataIntervalTimetable)
    assert timetable.summary == "0 0 * * *"
    # Data-interval semantics: the run made at 2024-01-16 00:00 covers 2024-01-15, so ds == 2024-01-15.
    interval = timetable.infer_manual_data_interval(run_after=datetime(2024, 1, 16, 0, 0, tzinfo=timezone.utc))
    assert (interval.start.isoformat(), interval.end.isoformat()) == (
        "2024-01-15T00:00:00+00:00",
        "2024-01-16T00:00:00+00:00",
    )


def test_customer_360_is_scheduled_on_all_three_checked_input_tables(dags):
    from airflow.serialization.definitions.assets import SerializedAssetAll
    from airflow.timetables.simple import AssetTriggeredTimetable

    timetable = scheduler_view(dags["ecommerce_customer_360"]).timetable
    assert isinstance(timetable, AssetTriggeredTimetable)
    condition = timetable.asset_condition
    assert isinstance(condition, SerializedAssetAll)
    assert [asset.name for asset in condition.objects] == [
        "gridata.ecommerce.orders",
        "gridata.ecommerce.customers",
        "gridata.analytics.clickstream_daily",
    ]


@pytest.mark.parametrize("dag_id", sorted(EXPECTED_EDGES))
def test_run_settings(dags, dag_id):
    dag = dags[dag_id]
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.start_date == datetime(2024, 1, 1, tzinfo=timezone.utc)
    assert "ecommerce" in dag.tags
    assert dag.description
