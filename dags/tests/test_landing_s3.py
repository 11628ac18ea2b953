"""The landing sensor and validation task against a real S3 API endpoint on loopback (moto's S3 server),
through the same Airflow connection, hooks and trigger code the cluster runs: the sensor defers while the
day is incomplete, its trigger fires once the producer's _SUCCESS marker lands, validation lists the day."""

from __future__ import annotations

import asyncio
import json
from importlib import import_module

import pytest

DS = "2024-01-15"
PREFIX = f"raw/ecommerce/orders/{DS}/"
BUCKET = "gridata-raw"


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint, monkeypatch):
    """An empty raw bucket and an Airflow connection `gridata_s3` pointing at the loopback endpoint."""
    import boto3

    # Placeholder credentials: the loopback server accepts any; nothing here is a secret.
    access = {"login": "gridata-test", "password": "gridata-test"}
    extra = {"endpoint_url": s3_endpoint, "region_name": "us-east-1"}
    monkeypatch.setenv("AIRFLOW_CONN_GRIDATA_S3", json.dumps({"conn_type": "aws", **access, "extra": extra}))
    client = boto3.client(
        "s3", endpoint_url=s3_endpoint, region_name="us-east-1",
        aws_access_key_id=access["login"], aws_secret_access_key=access["password"],
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for entry in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=entry["Key"])
    client.delete_bucket(Bucket=BUCKET)


def put(client, key: str, body: bytes) -> None:
    client.put_object(Bucket=BUCKET, Key=key, Body=body)


def rendered_sensor(dags):
    dag = dags["ecommerce_orders_pipeline"]
    sensor = dag.get_task("wait_for_orders_files")
    context = {"ds": DS, "ds_nodash": DS.replace("-", ""), "run_id": "scheduled__2024-01-15T00:00:00+00:00", "dag": dag}
    sensor.render_template_fields(context, dag.get_template_env())
    return sensor, context


def rebuilt_trigger(trigger, poke_interval: float):
    """Rebuild the trigger from its serialized form, as the triggerer process does."""
    classpath, kwargs = trigger.serialize()
    module_name, class_name = classpath.rsplit(".", 1)
    return getattr(import_module(module_name), class_name)(**{**kwargs, "poke_interval": poke_interval})


async def first_event(trigger, within_seconds: float):
    async def first():
        async for event in trigger.run():
            return event

    try:
        return await asyncio.wait_for(first(), timeout=within_seconds)
    except TimeoutError:
        return None


@pytest.fixture(scope="module")
def fresh_dags():
    from conftest import parse_dag_folder

    return parse_dag_folder().dags


def test_sensor_defers_until_the_completion_marker_lands(fresh_dags, s3):
    from airflow.sdk.exceptions import TaskDeferred

    sensor, context = rendered_sensor(fresh_dags)
    put(s3, PREFIX + "part-00000.jsonl", b'{"order_id": "o-1"}\n')

    with pytest.raises(TaskDeferred) as deferred:
        sensor.execute(context)
    trigger = rebuilt_trigger(deferred.value.trigger, poke_interval=0.2)
    assert (trigger.bucket_name, trigger.bucket_key) == (BUCKET, PREFIX + "_SUCCESS")
    assert deferred.value.method_name == "execute_complete"

    assert asyncio.run(first_event(trigger, within_seconds=1.5)) is None, "data without _SUCCESS is not a complete day"

    put(s3, PREFIX + "_SUCCESS", b"")
    event = asyncio.run(first_event(rebuilt_trigger(deferred.value.trigger, poke_interval=0.2), within_seconds=10))
    assert event is not None and event.payload["status"] == "success"
    sensor.execute_complete(context, event.payload)  # returns: the task succeeds
    sensor.execute(context)  # a retry after the marker landed finds it at once, without deferring


def test_validation_lists_the_day_through_the_s3_connection(s3):
    from gridata_dags.config import load_settings
    from gridata_dags.landing import validate_landing_folder

    put(s3, PREFIX + "part-00000.jsonl", b"x" * 300)
    put(s3, PREFIX + "part-00001.jsonl", b"y" * 200)
    put(s3, PREFIX + "_SUCCESS", b"")
    put(s3, f"raw/ecommerce/orders/2024-01-16/part-00000.jsonl", b"other day")

    assert validate_landing_folder("orders", DS, load_settings()) == {
        "prefix": PREFIX,
        "bucket": BUCKET,
        "file_count": 2,
        "total_bytes": 500,
        "files": [PREFIX + "part-00000.jsonl", PREFIX + "part-00001.jsonl"],
    }


def test_validation_refuses_an_empty_file_in_the_bucket(s3):
    from gridata_dags.config import load_settings
    from gridata_dags.landing import LandingValidationError, validate_landing_folder

    put(s3, PREFIX + "part-00000.jsonl", b"")
    put(s3, PREFIX + "_SUCCESS", b"")
    with pytest.raises(LandingValidationError, match="part-00000.jsonl: file is empty"):
        validate_landing_folder("orders", DS, load_settings())
