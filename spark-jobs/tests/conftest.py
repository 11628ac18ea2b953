"""One local SparkSession (local[2]) with a real Iceberg Hadoop catalog named `gridata` in a temp dir, shared by the whole run."""
from __future__ import annotations

import contextlib
import io
import json

import pytest

from gridata_spark import cli, tables
from gridata_spark.local_session import local_session

ALL_TABLES = [
    tables.ORDERS, tables.CUSTOMERS, tables.PRODUCTS, tables.CLICKSTREAM_EVENTS, tables.CLICKSTREAM_DAILY,
    tables.CUSTOMER_360, tables.CHECK_RESULTS,
]


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    warehouse = tmp_path_factory.mktemp("warehouse")
    session = local_session(str(warehouse), master="local[2]", app_name="gridata-tests", shuffle_partitions=2,
                            driver_memory="2g")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture
def clean_catalog(spark):
    """Every table dropped before the test, so each end-to-end test starts from an empty lakehouse."""
    for table in ALL_TABLES:
        spark.sql(f"DROP TABLE IF EXISTS {table} PURGE")
    yield spark


def run_cli(spark, *argv: str) -> tuple[int, dict, str]:
    """Runs a job exactly as the image does; returns (exit code, JSON summary, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv), spark=spark)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("{")]
    return code, (json.loads(lines[-1]) if lines else {}), err.getvalue()


def raw_frame(spark, dataset: str, records: list):
    """A DataFrame exactly as read_landing yields it, from dicts (or raw strings for malformed lines)."""
    from pyspark.sql import functions as F

    from gridata_spark.strict_json import parse_lines

    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    frame = spark.createDataFrame([(line,) for line in lines], "value string").withColumn("source_file", F.lit("test.jsonl"))
    return parse_lines(frame, dataset)


def an_order(**overrides) -> dict:
    order = {
        "order_id": "ORD0000001", "customer_id": "CUST000001", "order_date": "2024-06-30T10:00:00.000000",
        "updated_at": "2024-06-30T10:00:00.000000", "order_status": "delivered",
        "items": [{"product_id": "PROD00001", "product_name": "Lamp", "category": "Books", "quantity": 2,
                   "unit_price": 20.0, "discount_pct": 0.0}],
        "subtotal": 40.0, "tax": 3.2, "shipping_cost": 9.99, "discount": 0.0,
        "shipping_address": {"street": "1 Oak St", "city": "Austin", "state": "TX", "postal_code": "73301",
                             "country": "USA"},
        "payment_method": "paypal", "source": "web",
    }
    for key, value in overrides.items():
        if value is DELETE:
            order.pop(key, None)
        else:
            order[key] = value
    return order


DELETE = object()
