"""The failure callback reports what failed and never raises."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from gridata_dags.callbacks import describe_failure, on_task_failure


def failure_context():
    ti = SimpleNamespace(dag_id="ecommerce_orders_pipeline", task_id="process_orders", run_id="r1", try_number=2)
    return {"ti": ti, "run_id": "r1", "exception": RuntimeError("driver exited with code 1")}


def test_describe_failure():
    assert describe_failure(failure_context()) == {
        "dag_id": "ecommerce_orders_pipeline",
        "task_id": "process_orders",
        "run_id": "r1",
        "try_number": "2",
        "error": "RuntimeError: driver exited with code 1",
    }


def test_callback_logs_one_line_with_the_facts(caplog):
    with caplog.at_level(logging.ERROR, logger="gridata.failures"):
        on_task_failure(failure_context())
    assert [record.getMessage() for record in caplog.records if record.name == "gridata.failures"] == [
        "gridata task failed: dag_id=ecommerce_orders_pipeline task_id=process_orders run_id=r1 try=2 "
        "error=RuntimeError: driver exited with code 1"
    ]


def test_callback_survives_a_context_it_cannot_read(caplog):
    with caplog.at_level(logging.ERROR, logger="gridata.failures"):
        on_task_failure(None)  # type: ignore[arg-type]
    assert "could not report the failure" in caplog.text
