"""Tasks that record a checked table update as an Airflow asset event.

The event is the lineage record (the DataHub Airflow plugin reads task inlets/outlets) and the
trigger for downstream DAGs. Its extra names the day covered and the producing run.
"""

from __future__ import annotations

from typing import Any

from airflow.sdk import Asset, task

from gridata_dags.as_of import DS_KEY


def asset_event_extra(ds: str, context: Any) -> dict[str, str]:
    return {DS_KEY: ds, "run_id": str(context["run_id"]), "dag_id": str(context["dag"].dag_id)}


def publish_table_task(asset: Asset, *, task_id: str, ds: Any = "{{ ds }}", inlets: list[Asset] | None = None):
    """A task with `asset` as outlet; `ds` is a template or an upstream XComArg giving the day covered."""

    @task(task_id=task_id, outlets=[asset], inlets=list(inlets or []))
    def publish(day: str, **context: Any) -> dict[str, str]:
        extra = asset_event_extra(day, context)
        context["outlet_events"][asset].extra = extra
        return extra

    return publish(ds)
