"""Asset wiring: each checked table is produced by exactly one task, after its Spark job (and checks),
and customer 360 consumes exactly what the other DAGs produce. Checked on the serialized DAGs the
scheduler uses to create asset-triggered runs."""

from __future__ import annotations

from airflow.sdk.execution_time.context import OutletEventAccessors

from gridata_dags.assets import CLICKSTREAM_DAILY, CLICKSTREAM_EVENTS, CUSTOMER_360, CUSTOMERS, ORDERS, PRODUCTS

PRODUCER_TASKS = {
    ORDERS.name: ("ecommerce_orders_pipeline", "publish_orders_asset", "quality_checks"),
    CUSTOMERS.name: ("ecommerce_ingestion", "publish_customers_asset", "ingest_customers"),
    PRODUCTS.name: ("ecommerce_ingestion", "publish_products_asset", "ingest_products"),
    CLICKSTREAM_EVENTS.name: ("ecommerce_ingestion", "publish_clickstream_asset", "ingest_clickstream"),
    CLICKSTREAM_DAILY.name: ("ecommerce_ingestion", "publish_clickstream_daily_asset", "aggregate_clickstream_daily"),
    CUSTOMER_360.name: ("ecommerce_customer_360", "publish_customer_360_asset", "quality_checks_customer_360"),
}


def serialized_dependencies(dags):
    from airflow.serialization.serialized_objects import DagSerialization

    return [dep for dag in dags.values() for dep in DagSerialization.to_dict(dag)["dag"]["dag_dependencies"]]


def test_each_table_asset_has_one_producer_task_right_after_its_job(dags):
    producers = {}
    for dag_id, dag in dags.items():
        for task in dag.tasks:
            for outlet in task.outlets:
                producers.setdefault(outlet.name, []).append((dag_id, task.task_id, sorted(task.upstream_task_ids)))
    assert set(producers) == set(PRODUCER_TASKS)
    for name, (dag_id, task_id, after) in PRODUCER_TASKS.items():
        assert len(producers[name]) == 1, name
        produced_by_dag, produced_by_task, upstream = producers[name][0]
        assert (produced_by_dag, produced_by_task) == (dag_id, task_id)
        assert after in upstream


def test_scheduler_sees_customer_360_consuming_what_the_other_dags_produce(dags):
    dependencies = serialized_dependencies(dags)
    produced = {(dep["source"], dep["label"]) for dep in dependencies if dep["target"] == "asset"}
    consumed = {dep["label"] for dep in dependencies if dep["target"] == "ecommerce_customer_360"}
    assert consumed == {ORDERS.name, CUSTOMERS.name, CLICKSTREAM_DAILY.name}
    assert ("ecommerce_orders_pipeline", ORDERS.name) in produced
    assert ("ecommerce_ingestion", CUSTOMERS.name) in produced
    assert ("ecommerce_ingestion", CLICKSTREAM_DAILY.name) in produced


def test_customer_360_declares_its_inputs_as_lineage(dags):
    publish = dags["ecommerce_customer_360"].get_task("publish_customer_360_asset")
    assert [asset.name for asset in publish.inlets] == [ORDERS.name, CUSTOMERS.name, CLICKSTREAM_DAILY.name]


def test_publish_task_records_the_day_and_run_on_the_asset_event(dags):
    dag = dags["ecommerce_orders_pipeline"]
    publish = dag.get_task("publish_orders_asset")
    outlet_events = OutletEventAccessors()
    context = {"run_id": "scheduled__2024-01-15T00:00:00+00:00", "dag": dag, "outlet_events": outlet_events}

    returned = publish.python_callable("2024-01-15", **context)

    expected = {"ds": "2024-01-15", "run_id": "scheduled__2024-01-15T00:00:00+00:00", "dag_id": "ecommerce_orders_pipeline"}
    assert returned == expected
    assert outlet_events[ORDERS].extra == expected
