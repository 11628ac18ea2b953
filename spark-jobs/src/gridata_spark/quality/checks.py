"""Declarative data-quality checks: what to check is data (CHECK_SUITES), how to check is one small
evaluator per check type. Each evaluation is a single aggregate query returning an observed value."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from .. import tables
from ..avro_schema import enum_symbols
from ..raw_io import path_exists, read_run_summary, rejected_path, run_summary_path
from ..transforms.clickstream import sessions

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Check:
    name: str
    table: str
    check_type: str
    # table checks: row_count_min | null_rate_max | unique | range | accepted_values | referential_integrity |
    # page_views_reconcile | orders_reconcile; run checks (the process_orders run summary of ds): run_accepted_min |
    # run_freshness | run_reject_rate_max | run_rejects_reconcile
    severity: str
    column: str | None = None
    params: dict = field(default_factory=dict)
    scope: str = "ds"  # "ds": rows of the run's ds (per table, see SCOPES); "table": the whole table


@dataclass(frozen=True)
class CheckResult:
    check: Check
    passed: bool
    observed_value: float | None
    threshold: str
    details: str


@dataclass(frozen=True)
class RunParams:
    ds: dt.date
    as_of: dt.date
    rejected_base: str


# Which rows "this run" means for each table.
SCOPES: dict[str, Callable[[RunParams], Column]] = {
    tables.ORDERS: lambda p: F.col("ingest_ds") == F.lit(p.ds.isoformat()).cast("date"),
    tables.CUSTOMERS: lambda p: F.lit(True),
    tables.PRODUCTS: lambda p: F.lit(True),
    tables.CLICKSTREAM_DAILY: lambda p: F.col("activity_date").between(
        F.lit((p.ds - dt.timedelta(days=30)).isoformat()).cast("date"), F.lit(p.ds.isoformat()).cast("date")
    ),
    tables.CUSTOMER_360: lambda p: F.col("as_of_date") == F.lit(p.as_of.isoformat()).cast("date"),
}

CHURN_SCORES = [0.1, 0.4, 0.7, 1.0]

CHECK_SUITES: dict[str, list[Check]] = {
    "ingestion": [
        # The run's own accounting, not the rows stamped with ds: an overlapping day's orders may already be stored
        # (they count as accepted, not as missing), and a replay whose orders are all stored passes explicitly.
        Check("orders_row_count", tables.ORDERS, "run_accepted_min", ERROR, params={"dataset": "orders", "min": 1}),
        Check("orders_freshness", tables.ORDERS, "run_freshness", ERROR, "order_timestamp",
              {"dataset": "orders", "max_age_hours": 48}),
        Check("orders_reject_rate", tables.ORDERS, "run_reject_rate_max", WARNING, params={"dataset": "orders", "max": 0.01}),
        Check("orders_rejects_reconcile", tables.ORDERS, "run_rejects_reconcile", ERROR, params={"dataset": "orders"}),
        Check("order_id_unique", tables.ORDERS, "unique", ERROR, "order_id", scope="table"),
        Check("order_total_range", tables.ORDERS, "range", ERROR, "order_total",
              {"min_exclusive": 0.0, "max_exclusive": 100000.0}),
        Check("order_status_values", tables.ORDERS, "accepted_values", ERROR, "order_status",
              {"values": list(enum_symbols("orders", "order_status"))}),
        Check("payment_method_values", tables.ORDERS, "accepted_values", ERROR, "payment_method",
              {"values": list(enum_symbols("orders", "payment_method"))}),
        Check("customer_id_null_rate", tables.ORDERS, "null_rate_max", WARNING, "customer_id", {"max": 0.01}),
        Check("orders_customer_exists", tables.ORDERS, "referential_integrity", WARNING, "customer_id",
              {"parent_table": tables.CUSTOMERS, "parent_column": "customer_id", "max_orphan_rate": 0.0}),
        Check("customers_row_count", tables.CUSTOMERS, "row_count_min", ERROR, params={"min": 1}),
        Check("customer_id_unique", tables.CUSTOMERS, "unique", ERROR, "customer_id", scope="table"),
        Check("customer_email_null_rate", tables.CUSTOMERS, "null_rate_max", WARNING, "email", {"max": 0.0}),
        Check("products_row_count", tables.PRODUCTS, "row_count_min", ERROR, params={"min": 1}),
        Check("product_id_unique", tables.PRODUCTS, "unique", ERROR, "product_id", scope="table"),
        Check("product_price_range", tables.PRODUCTS, "range", ERROR, "price", {"min_exclusive": 0.0}),
        Check("clickstream_daily_row_count", tables.CLICKSTREAM_DAILY, "row_count_min", WARNING, params={"min": 1}),
        # page views per day in the aggregate equal the page_view events of known visitors' sessions started that day
        Check("clickstream_daily_page_views_reconcile", tables.CLICKSTREAM_DAILY, "page_views_reconcile", ERROR,
              "page_views"),
    ],
    "customer_360": [
        Check("customer_360_row_count", tables.CUSTOMER_360, "row_count_min", ERROR, params={"min": 1}),
        Check("customer_360_customer_unique", tables.CUSTOMER_360, "unique", ERROR, "customer_id"),
        Check("customer_360_churn_score_values", tables.CUSTOMER_360, "accepted_values", ERROR, "churn_risk_score",
              {"values": CHURN_SCORES}),
        Check("customer_360_segment_values", tables.CUSTOMER_360, "accepted_values", ERROR, "customer_segment",
              {"values": ["VIP", "High Value", "Medium Value", "Low Value"]}),
        # every order of the as-of date's customers (placed on or before it) is counted once in total_orders
        Check("customer_360_orders_reconcile", tables.CUSTOMER_360, "orders_reconcile", ERROR, "total_orders",
              {"orders_table": tables.ORDERS}),
        Check("customer_360_browse_to_cart_range", tables.CUSTOMER_360, "range", WARNING, "browse_to_cart_rate",
              {"min_inclusive": 0.0, "max_inclusive": 1.0}),
    ],
}


def _range_violation(column: Column, params: dict) -> Column:
    bad = F.lit(False)
    if "min_exclusive" in params:
        bad = bad | (column <= params["min_exclusive"])
    if "min_inclusive" in params:
        bad = bad | (column < params["min_inclusive"])
    if "max_exclusive" in params:
        bad = bad | (column >= params["max_exclusive"])
    if "max_inclusive" in params:
        bad = bad | (column > params["max_inclusive"])
    return column.isNotNull() & bad


def _describe_range(params: dict) -> str:
    parts = []
    for key, op in (("min_exclusive", ">"), ("min_inclusive", ">="), ("max_exclusive", "<"), ("max_inclusive", "<=")):
        if key in params:
            parts.append(f"{op} {params[key]}")
    return "value " + " and ".join(parts)


def evaluate(spark: SparkSession, check: Check, rows: DataFrame, run: RunParams) -> CheckResult:
    """Runs one check over `rows` (the check's table, already scoped)."""
    p = check.params
    if check.check_type == "row_count_min":
        count = rows.count()
        return CheckResult(check, count >= p["min"], float(count), f">= {p['min']} rows", f"{count} rows")
    if check.check_type == "null_rate_max":
        agg = rows.agg(F.count(F.lit(1)).alias("n"), F.count(F.when(F.col(check.column).isNull(), 1)).alias("nulls")).first()
        rate = agg["nulls"] / agg["n"] if agg["n"] else 0.0
        return CheckResult(check, rate <= p["max"], rate, f"null rate <= {p['max']}", f"{agg['nulls']} of {agg['n']} null")
    if check.check_type == "unique":
        agg = rows.agg(F.count(check.column).alias("n"), F.countDistinct(check.column).alias("distinct")).first()
        duplicates = agg["n"] - agg["distinct"]
        return CheckResult(check, duplicates == 0, float(duplicates), "0 duplicate values", f"{duplicates} duplicates in {agg['n']}")
    if check.check_type == "range":
        violations = rows.filter(_range_violation(F.col(check.column), p)).count()
        return CheckResult(check, violations == 0, float(violations), _describe_range(p), f"{violations} out of range")
    if check.check_type == "accepted_values":
        violations = rows.filter(F.col(check.column).isNotNull() & ~F.col(check.column).isin(p["values"])).count()
        return CheckResult(check, violations == 0, float(violations), f"in {p['values']}", f"{violations} unexpected values")
    if check.check_type == "referential_integrity":
        children = rows.filter(F.col(check.column).isNotNull()).select(F.col(check.column).alias("key"))
        parents = spark.table(p["parent_table"]).select(F.col(p["parent_column"]).alias("key")).distinct()
        agg = children.join(parents.withColumn("found", F.lit(True)), "key", "left").agg(
            F.count(F.lit(1)).alias("n"), F.count(F.when(F.col("found").isNull(), 1)).alias("orphans")
        ).first()
        rate = agg["orphans"] / agg["n"] if agg["n"] else 0.0
        return CheckResult(
            check, rate <= p["max_orphan_rate"], rate,
            f"orphan rate <= {p['max_orphan_rate']} against {p['parent_table']}.{p['parent_column']}",
            f"{agg['orphans']} of {agg['n']} without parent",
        )
    if check.check_type == "freshness":
        # Relative to the end of the run's day, never the wall clock, so a rerun of an old day gives the same answer.
        latest = rows.agg(F.max(check.column).alias("latest")).first()["latest"]
        day_end = dt.datetime.combine(run.ds + dt.timedelta(days=1), dt.time())
        age_hours = (day_end - latest).total_seconds() / 3600 if latest else None
        passed = age_hours is not None and age_hours <= p["max_age_hours"]
        return CheckResult(check, passed, age_hours, f"newest row <= {p['max_age_hours']} h before end of ds",
                           f"newest {latest.isoformat() if latest else 'none'}")
    if check.check_type.startswith("run_"):
        return _evaluate_run_check(spark, check, run)
    if check.check_type == "page_views_reconcile":
        return _page_views_reconcile(spark, check, rows)
    if check.check_type == "orders_reconcile":
        as_of = F.lit(run.as_of.isoformat()).cast("date")
        tables.ensure_table(spark, p["orders_table"])
        stored = (spark.table(p["orders_table"]).filter(F.col("order_day") <= as_of)
                  .join(rows.select(F.col("customer_id").alias("customer_id_clean")), "customer_id_clean", "left_semi")
                  .count())
        counted = rows.agg(F.sum(check.column)).first()[0] or 0
        return CheckResult(check, counted == stored, float(counted - stored), "sum of total_orders = stored orders",
                           f"{counted} counted vs {stored} stored orders of these customers up to {run.as_of}")
    raise ValueError(f"unknown check type {check.check_type!r} in check {check.name}")


_RUN_THRESHOLDS = {
    "run_accepted_min": lambda p: f">= {p['min']} accepted rows in the run (stored now or already)",
    "run_freshness": lambda p: f"newest accepted order <= {p['max_age_hours']} h before end of ds",
    "run_reject_rate_max": lambda p: f"rejected / input lines of the run <= {p['max']}",
    "run_rejects_reconcile": lambda p: "quarantined lines = the run's rejected count",
}


def _evaluate_run_check(spark: SparkSession, check: Check, run: RunParams) -> CheckResult:
    """Checks on the latest completed run of the dataset for ds (its summary beside the quarantined records)."""
    p, ds = check.params, run.ds.isoformat()
    threshold = _RUN_THRESHOLDS[check.check_type](p)
    summary = read_run_summary(spark, run.rejected_base, p["dataset"], ds)
    if summary is None:
        return CheckResult(check, False, None, threshold,
                           f"no completed {p['dataset']} run for {ds}: {run_summary_path(run.rejected_base, p['dataset'], ds)} is missing")
    merge = summary["merge"]
    written = merge["inserted"] + merge["updated"]
    if check.check_type == "run_accepted_min":
        replay = " - replay: every accepted row was already stored" if summary["accepted"] and not written else ""
        return CheckResult(
            check, summary["accepted"] >= p["min"], float(summary["accepted"]), threshold,
            f"run {summary['run_id']}: {summary['accepted']} accepted of {summary['input']} input lines "
            f"({merge['inserted']} inserted, {merge['updated']} updated, {merge['unchanged']} already stored){replay}",
        )
    if check.check_type == "run_freshness":
        newest = summary["newest_order_timestamp"]
        day_end = dt.datetime.combine(run.ds + dt.timedelta(days=1), dt.time())
        age_hours = (day_end - dt.datetime.fromisoformat(newest)).total_seconds() / 3600 if newest else None
        passed = age_hours is not None and age_hours <= p["max_age_hours"]
        return CheckResult(check, passed, age_hours, threshold,
                           f"run {summary['run_id']}: newest accepted order {newest or 'none'}"
                           + (" (already stored: replay)" if newest and not written else ""))
    if check.check_type == "run_reject_rate_max":
        rate = summary["rejected"] / summary["input"] if summary["input"] else 0.0
        return CheckResult(check, rate <= p["max"], rate, threshold,
                           f"run {summary['run_id']}: {summary['rejected']} rejected of {summary['input']} input lines")
    if check.check_type == "run_rejects_reconcile":
        path = rejected_path(run.rejected_base, p["dataset"], ds)
        quarantined = spark.read.text(path).count() if path_exists(spark, path) else 0  # one JSON line per reject
        return CheckResult(check, quarantined == summary["rejected"], float(quarantined - summary["rejected"]),
                           threshold, f"{quarantined} quarantined lines vs {summary['rejected']} rejected by run {summary['run_id']}")
    raise ValueError(f"unknown run check type {check.check_type!r}")


def _page_views_reconcile(spark: SparkSession, check: Check, daily: DataFrame) -> CheckResult:
    days = sorted(r[0] for r in daily.select("activity_date").distinct().collect())
    if not days:
        return CheckResult(check, True, 0.0, "page views per day = page_view events", "no days in scope")
    tables.ensure_table(spark, tables.CLICKSTREAM_EVENTS)
    events = spark.table(tables.CLICKSTREAM_EVENTS).filter(
        (F.col("event_ts") >= F.lit((days[0] - dt.timedelta(days=1)).isoformat()).cast("timestamp"))
        & (F.col("event_ts") < F.lit((days[-1] + dt.timedelta(days=2)).isoformat()).cast("timestamp"))
    )
    day_literals = [F.lit(d.isoformat()).cast("date") for d in days]
    from_events = (sessions(events).filter(F.col("customer_id").isNotNull())
                   .withColumn("activity_date", F.to_date("session_start"))
                   .filter(F.col("activity_date").isin(day_literals))
                   .groupBy("activity_date").agg(F.sum("page_views").alias("expected")))
    stored = daily.groupBy("activity_date").agg(F.sum(check.column).alias("stored"))
    mismatched = stored.join(from_events, "activity_date", "full").filter(
        ~F.coalesce(F.col("stored"), F.lit(0)).eqNullSafe(F.coalesce(F.col("expected"), F.lit(0)))
    ).count()
    return CheckResult(check, mismatched == 0, float(mismatched), "page views per day = page_view events",
                       f"{mismatched} of {len(days)} days differ from the stored events")


def run_suite(spark: SparkSession, suite: str, run: RunParams) -> list[CheckResult]:
    if suite not in CHECK_SUITES:
        raise ValueError(f"unknown quality suite {suite!r}; known: {sorted(CHECK_SUITES)}")
    results = []
    for table in sorted({check.table for check in CHECK_SUITES[suite]}):
        tables.ensure_table(spark, table)
    for check in CHECK_SUITES[suite]:
        rows = spark.table(check.table)
        if check.scope == "ds":
            rows = rows.filter(SCOPES[check.table](run))
        results.append(evaluate(spark, check, rows, run))
    return results
