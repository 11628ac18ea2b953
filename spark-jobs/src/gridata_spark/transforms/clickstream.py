"""Clickstream sessions and the daily per-customer aggregate customer_360 reads (pure functions)."""
from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

EVENT_COUNTERS = {
    "page_views": "page_view",
    "product_views": "product_view",
    "add_to_cart": "add_to_cart",
    "remove_from_cart": "remove_from_cart",
    "checkouts": "checkout",
    "purchases": "purchase",
}


def sessions(events: DataFrame) -> DataFrame:
    """One row per session: its (known) customer, start, duration in seconds and event counts by type."""
    return events.groupBy("session_id").agg(
        F.max("customer_id").alias("customer_id"),
        F.min("event_ts").alias("session_start"),
        (F.max("event_ts").cast("long") - F.min("event_ts").cast("long")).alias("duration_sec"),
        *[F.count(F.when(F.col("event_type") == t, 1)).alias(name) for name, t in EVENT_COUNTERS.items()],
    )


def daily_customer_activity(session_rows: DataFrame) -> DataFrame:
    """Per known customer and day the session started: sessions, event counts, time on site, average session length."""
    return (
        session_rows.filter(F.col("customer_id").isNotNull())
        .withColumn("activity_date", F.to_date("session_start"))
        .groupBy("customer_id", "activity_date")
        .agg(
            F.count(F.lit(1)).alias("sessions"),
            *[F.sum(name).alias(name) for name in EVENT_COUNTERS],
            F.sum("duration_sec").alias("time_on_site_sec"),
        )
        .withColumn("avg_session_duration_sec", F.round(F.col("time_on_site_sec") / F.col("sessions"), 2))
    )
