import datetime as dt

import pytest

from gridata_spark.quality.checks import ERROR, Check, RunParams, evaluate

RUN = RunParams(ds=dt.date(2024, 6, 30), as_of=dt.date(2024, 6, 30), rejected_base="/nonexistent")


@pytest.fixture
def orders(spark):
    rows = [("O1", "C1", 10.0, dt.datetime(2024, 6, 30, 5)), ("O2", None, 0.0, dt.datetime(2024, 6, 20)),
            ("O2", "C9", 100000.0, dt.datetime(2024, 6, 1)), ("O4", "C1", 99999.99, dt.datetime(2024, 6, 2))]
    return spark.createDataFrame(rows, "order_id string, customer_id string, order_total double, order_timestamp timestamp")


def check(check_type, column=None, **params):
    return Check("c", "gridata.ecommerce.orders", check_type, ERROR, column, params)


def test_row_count(spark, orders):
    assert evaluate(spark, check("row_count_min", min=4), orders, RUN).passed
    failed = evaluate(spark, check("row_count_min", min=5), orders, RUN)
    assert (failed.passed, failed.observed_value) == (False, 4.0)


def test_null_rate_threshold_is_inclusive(spark, orders):
    assert evaluate(spark, check("null_rate_max", "customer_id", max=0.25), orders, RUN).passed
    over = evaluate(spark, check("null_rate_max", "customer_id", max=0.24), orders, RUN)
    assert (over.passed, over.observed_value) == (False, 0.25)


def test_uniqueness(spark, orders):
    got = evaluate(spark, check("unique", "order_id"), orders, RUN)
    assert (got.passed, got.observed_value) == (False, 1.0)


def test_range_with_exclusive_bounds(spark, orders):
    got = evaluate(spark, check("range", "order_total", min_exclusive=0.0, max_exclusive=100000.0), orders, RUN)
    assert (got.passed, got.observed_value) == (False, 2.0)  # 0.0 and 100000.0


def test_referential_integrity_ignores_null_children(spark, orders):
    spark.createDataFrame([("C1",)], "customer_id string").createOrReplaceTempView("parents_for_test")
    got = evaluate(spark, check("referential_integrity", "customer_id", parent_table="parents_for_test",
                                parent_column="customer_id", max_orphan_rate=0.0), orders, RUN)
    assert (got.passed, got.observed_value, got.details) == (False, 1 / 3, "1 of 3 without parent")


def append_to(spark, table, frame):
    """Appends `frame` to an Iceberg table, every column it lacks as null."""
    from pyspark.sql import functions as F

    columns = [F.col(f.name) if f.name in frame.columns else F.lit(None).cast(f.dataType).alias(f.name)
               for f in spark.table(table).schema]
    frame.select(*columns).writeTo(table).append()


def test_page_views_reconcile_with_the_stored_events(clean_catalog):
    from gridata_spark import tables
    from gridata_spark.quality.checks import CHECK_SUITES

    spark = clean_catalog
    tables.ensure_table(spark, tables.CLICKSTREAM_EVENTS)
    events = [("E1", "S1", "C1", "page_view", dt.datetime(2024, 6, 29, 23, 50)),
              ("E2", "S1", "C1", "page_view", dt.datetime(2024, 6, 30, 0, 10)),  # same session: dated 06-29
              ("E3", "S2", "C1", "page_view", dt.datetime(2024, 6, 30, 9)),
              ("E4", "S3", None, "page_view", dt.datetime(2024, 6, 30, 9))]     # anonymous: not in the aggregate
    append_to(spark, tables.CLICKSTREAM_EVENTS, spark.createDataFrame(
        events, "event_id string, session_id string, customer_id string, event_type string, event_ts timestamp"))
    reconcile = next(c for c in CHECK_SUITES["ingestion"] if c.check_type == "page_views_reconcile")
    daily = lambda rows: spark.createDataFrame(rows, "customer_id string, activity_date date, page_views bigint")  # noqa: E731
    good = evaluate(spark, reconcile, daily([("C1", dt.date(2024, 6, 29), 2), ("C1", dt.date(2024, 6, 30), 1)]), RUN)
    assert (good.passed, good.observed_value) == (True, 0.0)
    stale = evaluate(spark, reconcile, daily([("C1", dt.date(2024, 6, 29), 1), ("C1", dt.date(2024, 6, 30), 1)]), RUN)
    assert (stale.passed, stale.observed_value, stale.details) == (False, 1.0, "1 of 2 days differ from the stored events")


def test_customer_360_orders_reconcile(clean_catalog):
    from gridata_spark import tables
    from gridata_spark.quality.checks import CHECK_SUITES

    spark = clean_catalog
    tables.ensure_table(spark, tables.ORDERS)
    ts = dt.datetime(2024, 6, 1)
    append_to(spark, tables.ORDERS, spark.createDataFrame(
        [("O1", "C1", dt.date(2024, 6, 1), ts, ts), ("O2", "C1", dt.date(2024, 6, 2), ts, ts),
         ("O3", "C2", dt.date(2024, 7, 1), ts, ts)],  # O3: after the as-of date
        "order_id string, customer_id_clean string, order_day date, order_timestamp timestamp, updated_ts timestamp"))
    reconcile = next(c for c in CHECK_SUITES["customer_360"] if c.check_type == "orders_reconcile")
    c360 = lambda rows: spark.createDataFrame(rows, "customer_id string, total_orders bigint")  # noqa: E731
    assert evaluate(spark, reconcile, c360([("C1", 2), ("C2", 0)]), RUN).passed
    wrong = evaluate(spark, reconcile, c360([("C1", 3), ("C2", 0)]), RUN)
    assert (wrong.passed, wrong.observed_value, wrong.details) == (
        False, 1.0, "3 counted vs 2 stored orders of these customers up to 2024-06-30")


def test_freshness_is_measured_from_the_end_of_ds_not_the_clock(spark, orders):
    got = evaluate(spark, check("freshness", "order_timestamp", max_age_hours=19), orders, RUN)
    assert (got.passed, got.observed_value) == (True, 19.0)  # newest 05:00 on ds, day ends 24:00
    assert not evaluate(spark, check("freshness", "order_timestamp", max_age_hours=18.9), orders, RUN).passed


def test_unknown_check_type_is_refused(spark, orders):
    with pytest.raises(ValueError, match="unknown check type 'nonsense'"):
        evaluate(spark, check("nonsense"), orders, RUN)
