"""aggregate_clickstream_daily: rebuilds gridata.analytics.clickstream_daily for every day touched by the
events ingested on <ds>. Each rebuilt day is replaced atomically, so reruns converge to the same rows."""
from __future__ import annotations

import datetime as dt

from pyspark.sql import functions as F

from .. import tables
from ..transforms.clickstream import daily_customer_activity, sessions
from .context import JobContext


def run(ctx: JobContext) -> dict:
    spark = ctx.spark
    tables.ensure_table(spark, tables.CLICKSTREAM_EVENTS)
    tables.ensure_table(spark, tables.CLICKSTREAM_DAILY)
    events = spark.table(tables.CLICKSTREAM_EVENTS)
    touched = sorted(
        r["event_date"] for r in events.filter(F.col("ingest_ds") == F.lit(ctx.ds).cast("date"))
        .select("event_date").distinct().collect()
    )
    if not touched:
        return {"job": "aggregate_clickstream_daily", "ds": ctx.ds, "run_id": ctx.run_id, "days_rebuilt": 0, "rows": 0}
    # A session is dated by its first event and may cross midnight: read a day either side so every session
    # starting on a touched day is complete; sessions cut at the window's start are dated outside it and dropped.
    read_from = touched[0] - dt.timedelta(days=1)
    read_until = touched[-1] + dt.timedelta(days=2)
    window_events = events.filter(
        (F.col("event_ts") >= F.lit(read_from.isoformat()).cast("timestamp"))
        & (F.col("event_ts") < F.lit(read_until.isoformat()).cast("timestamp"))
    )
    touched_literals = [F.lit(d.isoformat()).cast("date") for d in touched]
    daily = (
        daily_customer_activity(sessions(window_events))
        .filter(F.col("activity_date").isin(touched_literals))
        .withColumn("run_id", F.lit(ctx.run_id))
        .select(*spark.table(tables.CLICKSTREAM_DAILY).columns)
    )
    daily.writeTo(tables.CLICKSTREAM_DAILY).overwrite(F.col("activity_date").isin(touched_literals))
    rows = spark.table(tables.CLICKSTREAM_DAILY).filter(F.col("activity_date").isin(touched_literals)).count()
    return {
        "job": "aggregate_clickstream_daily",
        "ds": ctx.ds,
        "run_id": ctx.run_id,
        "days_rebuilt": len(touched),
        "first_day": touched[0].isoformat(),
        "last_day": touched[-1].isoformat(),
        "rows": rows,
    }
