"""The whole chain on generated data with injected defects, on real local Spark + Iceberg:
counts reconcile to the injection manifest, a rerun is idempotent, quality checks catch the violations."""
import json
from collections import Counter

import pytest

from conftest import run_cli
from gridata_spark import cli, tables
from gridata_spark.generator.generate import GeneratorConfig, generate

DS = "2024-06-30"
CONFIG = GeneratorConfig(ds=DS, seed=11, customers=120, products=30, orders=800, events=2400, bad_record_rate=0.15)
INGESTION = ["ingest_customers", "ingest_products", "ingest_clickstream", "aggregate_clickstream_daily", "process_orders"]


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    root = tmp_path_factory.mktemp("lake")
    manifest = generate(CONFIG, str(root))
    return root, manifest


def job(spark, root, job_id, run_id, *extra):
    return run_cli(spark, job_id, "--ds", DS, "--run-id", run_id, "--raw-base", str(root / "raw" / "ecommerce"),
                   "--rejected-base", str(root / "rejected"), *extra)


def table_rows(spark, table, drop=()):
    return sorted(tuple(r) for r in spark.table(table).drop(*drop).collect())


def test_pipeline_reconciles_is_idempotent_and_gates_on_quality(clean_catalog, landing, tmp_path):
    spark, (root, manifest) = clean_catalog, landing
    expected = manifest["expected"]

    summaries = {}
    for job_id in INGESTION:
        code, summaries[job_id], err = job(spark, root, job_id, "run-1")
        assert code == 0, err

    # Ingestion counts equal the manifest.
    for job_id, dataset in (("ingest_customers", "customers"), ("ingest_products", "products"),
                            ("ingest_clickstream", "clickstream")):
        got = summaries[job_id]
        for key in ("input", "accepted", "rejected", "rejected_by_reason", "duplicates_dropped"):
            assert got[key] == expected[dataset][key], (job_id, key)

    # process_orders: exact accounting against what was injected.
    orders = summaries["process_orders"]
    for key in ("input", "accepted", "rejected", "rejected_by_reason", "duplicates_dropped"):
        assert orders[key] == expected["orders"][key], key
    assert orders["input"] == orders["accepted"] + orders["rejected"] + orders["duplicates_dropped"]
    assert orders["merge"] == {"inserted": orders["accepted"], "updated": 0, "unchanged": 0}
    assert set(orders["rejected_by_reason"]) == {"NON_POSITIVE_TOTAL", "MISSING_ORDER_ID", "INVALID_TIMESTAMP",
                                                 "UNKNOWN_ENUM_VALUE", "MALFORMED_RECORD", "MISSING_REQUIRED_FIELD"}
    # every injected kind of the new contract strictness was generated and refused
    assert all(manifest["injected"]["orders"].get(kind, 0) > 0 for kind in (
        "json_array_line", "number_for_string", "trailing_garbage", "non_finite_number", "partial_timestamp",
        "missing_nested_field"))

    stored = spark.table(tables.ORDERS)
    assert stored.count() == expected["orders"]["accepted"]
    assert stored.filter("customer_id IS NULL").count() == expected["orders"]["null_customer_ids"]
    assert stored.filter("customer_id_clean = 'unknown'").count() == expected["orders"]["null_customer_ids"]
    winners = {r["order_id"]: r["order_status"] for r in
               stored.filter(stored.order_id.isin(list(expected["orders"]["duplicate_winner_status"]))).collect()}
    assert winners == expected["orders"]["duplicate_winner_status"]  # the later version won
    assert [r[0] for r in spark.sql(f"SELECT DISTINCT data_quality_score FROM {tables.ORDERS} ORDER BY 1").collect()] == [0.8, 1.0]
    partition_fields = spark.sql(f"SELECT partition FROM {tables.ORDERS}.partitions").schema["partition"].dataType.names
    assert partition_fields == ["order_timestamp_day"]

    rejected = [json.loads(line) for f in (root / "rejected" / "orders" / DS).glob("part-*.json") for line in f.open()]
    assert Counter(r["reject_reason"] for r in rejected) == Counter(expected["orders"]["rejected_by_reason"])
    assert all(r["run_id"] == "run-1" and r["reject_reasons"][0] == r["reject_reason"] for r in rejected)

    # Quality: the injected violations that pass validation are caught as warnings; no error failure.
    metrics_file = tmp_path / "quality.prom"
    code, quality, err = job(spark, root, "quality_checks", "run-1", "--metrics-file", str(metrics_file))
    assert code == 0, err
    assert quality["failed_errors"] == []
    assert quality["failed_warnings"] == ["customer_id_null_rate", "orders_customer_exists", "orders_reject_rate"]
    metrics = metrics_file.read_text()
    assert ('gridata_quality_check_failed{table="gridata.ecommerce.orders",check="orders_customer_exists",'
            'severity="warning"} 1') in metrics
    assert 'gridata_quality_check_failed{table="gridata.ecommerce.orders",check="order_id_unique",severity="error"} 0' in metrics
    assert spark.table(tables.CHECK_RESULTS).filter("run_id = 'run-1'").count() == quality["checks"] == 18

    code, c360, err = job(spark, root, "customer_360", "run-1")
    assert code == 0, err
    assert c360["customers"] == CONFIG.customers
    code, c360_quality, err = job(spark, root, "quality_checks", "run-1", "--suite", "customer_360")
    # With 15 % of the events refused, some visitors keep an add_to_cart whose product_view was rejected: more carts
    # than product views, which the browse-to-cart warning exists to flag.
    assert code == 0 and c360_quality["failed_errors"] == [], err
    assert c360_quality["failed_warnings"] == ["customer_360_browse_to_cart_range"]

    # Rerun of the whole day with a new run id: nothing is added, nothing changes.
    before = {t: table_rows(spark, t) for t in (tables.ORDERS, tables.CUSTOMERS, tables.PRODUCTS,
                                                tables.CLICKSTREAM_EVENTS)}
    daily_before = table_rows(spark, tables.CLICKSTREAM_DAILY, drop=["run_id"])
    c360_before = table_rows(spark, tables.CUSTOMER_360, drop=["run_id"])
    snapshots = lambda t: spark.sql(f"SELECT count(*) FROM {t}.snapshots").first()[0]  # noqa: E731
    snapshots_before = {t: snapshots(t) for t in before}
    for job_id in INGESTION + ["customer_360"]:
        code, summaries[job_id], err = job(spark, root, job_id, "run-2")
        assert code == 0, err
    assert summaries["process_orders"]["merge"] == {"inserted": 0, "updated": 0, "unchanged": orders["accepted"]}
    for job_id, dataset in (("ingest_customers", "customers"), ("ingest_products", "products"),
                            ("ingest_clickstream", "clickstream")):
        assert summaries[job_id]["merge"] == {"inserted": 0, "updated": 0, "unchanged": expected[dataset]["accepted"]}
    # unchanged data commits nothing: not even an empty snapshot
    assert {t: snapshots(t) for t in before} == snapshots_before
    # the replayed day passes the gate, explicitly as a replay
    code, replay_quality, err = job(spark, root, "quality_checks", "run-2")
    assert code == 0 and replay_quality["failed_errors"] == [], err
    row_count = next(r for r in replay_quality["results"] if r["check"] == "orders_row_count")
    assert row_count["passed"] and row_count["details"].endswith("replay: every accepted row was already stored")
    for table, rows in before.items():
        assert table_rows(spark, table) == rows, table
    assert table_rows(spark, tables.CLICKSTREAM_DAILY, drop=["run_id"]) == daily_before
    assert table_rows(spark, tables.CUSTOMER_360, drop=["run_id"]) == c360_before
    rerun_rejected = [json.loads(l) for f in (root / "rejected" / "orders" / DS).glob("part-*.json") for l in f.open()]
    assert len(rerun_rejected) == len(rejected) and {r["run_id"] for r in rerun_rejected} == {"run-2"}

    # Another as-of date is kept beside the first, each replaced only by its own rerun.
    code, _, err = job(spark, root, "customer_360", "run-3", "--as-of", "2024-05-31")
    assert code == 0, err
    counts = {r["as_of_date"].isoformat(): r["count"] for r in spark.table(tables.CUSTOMER_360).groupBy("as_of_date").count().collect()}
    assert counts["2024-06-30"] == CONFIG.customers and set(counts) == {"2024-05-31", "2024-06-30"}

    # An error-severity violation fails the job (exit 4) and is still recorded and exposed.
    spark.sql(f"""INSERT INTO {tables.ORDERS} SELECT order_id || '-X', customer_id, customer_id_clean, order_status,
                  items, subtotal, tax, shipping_cost, discount, -5.0, order_category, is_valid_amount,
                  data_quality_score, shipping_address, payment_method, source, order_timestamp, updated_ts,
                  order_day, ingest_ds, run_id, processed_at FROM {tables.ORDERS} LIMIT 1""")
    code, failed, err = job(spark, root, "quality_checks", "run-4", "--metrics-file", str(metrics_file))
    assert code == cli.EXIT_QUALITY_GATE
    assert "order_total_range" in err and failed["failed_errors"] == ["order_total_range"]
    recorded = spark.table(tables.CHECK_RESULTS).filter("run_id = 'run-4' AND check_name = 'order_total_range'").first()
    assert (recorded["passed"], recorded["severity"], recorded["observed_value"]) == (False, "error", 1.0)
    assert ('gridata_quality_check_failed{table="gridata.ecommerce.orders",check="order_total_range",'
            'severity="error"} 1') in metrics_file.read_text()
