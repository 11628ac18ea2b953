"""Failure callback shared by every Gridata task.

It writes one structured log line (what failed, which run, which try, why) and increments a
StatsD counter tagged with the DAG and task, which the statsd exporter turns into a Prometheus
metric for alerting. It never raises: a broken callback must not hide the original failure.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("gridata.failures")

FAILURE_METRIC = "gridata.task_failed"


def describe_failure(context: Any) -> dict[str, str]:
    """The facts an on-call engineer needs, from an Airflow task context."""
    ti = context.get("ti") or context.get("task_instance")
    exception = context.get("exception")
    return {
        "dag_id": str(getattr(ti, "dag_id", "unknown")),
        "task_id": str(getattr(ti, "task_id", "unknown")),
        "run_id": str(context.get("run_id", getattr(ti, "run_id", "unknown"))),
        "try_number": str(getattr(ti, "try_number", "unknown")),
        "error": f"{type(exception).__name__}: {exception}" if exception is not None else "unknown",
    }


def on_task_failure(context: Any) -> None:
    try:
        facts = describe_failure(context)
        log.error(
            "gridata task failed: dag_id=%s task_id=%s run_id=%s try=%s error=%s",
            facts["dag_id"],
            facts["task_id"],
            facts["run_id"],
            facts["try_number"],
            facts["error"],
        )
        from airflow.sdk.observability.stats import Stats

        Stats.incr(FAILURE_METRIC, tags={"dag_id": facts["dag_id"], "task_id": facts["task_id"]})
    except Exception:  # noqa: BLE001 - the callback must never mask the task's own failure
        log.exception("gridata failure callback could not report the failure")
