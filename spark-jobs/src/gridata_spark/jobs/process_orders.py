"""process_orders: raw/ecommerce/orders/<ds>/ -> validated, deduplicated MERGE into gridata.ecommerce.orders.

Row accounting is exact: input = accepted + rejected + duplicates dropped."""
from __future__ import annotations

from pyspark import StorageLevel
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .. import tables
from ..raw_io import read_landing, write_rejects
from ..transforms.orders import RAW_ORDER_COLUMNS, curated_orders, rank_order_versions, validate_orders
from ..validation import CORRUPT_RECORD_COLUMN
from .context import JobContext


class RowAccountingError(RuntimeError):
    pass


def reject_output(validated: DataFrame, ctx: JobContext) -> DataFrame:
    return validated.filter(F.col("reject_reason").isNotNull()).select(
        "reject_reason", "reject_reasons", *RAW_ORDER_COLUMNS, CORRUPT_RECORD_COLUMN, "source_file",
        F.lit(ctx.ds).alias("ds"), F.lit(ctx.run_id).alias("run_id"),
    )


def merge_orders(ctx: JobContext, batch: DataFrame) -> dict:
    """Writes the latest versions: new orders are inserted, orders newer than the stored version replace it,
    anything else changes nothing, so a rerun of a day adds nothing.

    Each batch row is classified once against the stored (order_id, updated_ts) and only new and newer rows go
    into the MERGE (whose own condition still guards against a concurrent writer); a pure rerun commits nothing."""
    spark = ctx.spark
    tables.ensure_table(spark, tables.ORDERS)
    stored = spark.table(tables.ORDERS).select("order_id", F.col("updated_ts").alias("stored_updated_ts"))
    classified = batch.join(stored, "order_id", "left").withColumn(
        "outcome",
        F.when(F.col("stored_updated_ts").isNull(), "inserted")
        .when(F.col("updated_ts") > F.col("stored_updated_ts"), "updated")
        .otherwise("unchanged"),
    ).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        outcome = classified.groupBy("outcome").count().collect()
        counts = {"inserted": 0, "updated": 0, "unchanged": 0} | {r["outcome"]: r["count"] for r in outcome}
        changes = classified.filter(F.col("outcome") != "unchanged").select(*batch.columns)
        if counts["inserted"] or counts["updated"]:
            changes.createOrReplaceTempView("orders_changes")
            spark.sql(
                f"""
                MERGE INTO {tables.ORDERS} AS target
                USING orders_changes AS source
                ON target.order_id = source.order_id
                WHEN MATCHED AND source.updated_ts > target.updated_ts THEN UPDATE SET *
                WHEN NOT MATCHED THEN INSERT *
                """
            )
    finally:
        classified.unpersist()
    return counts


def run(ctx: JobContext) -> dict:
    spark = ctx.spark
    raw = read_landing(spark, ctx.raw_base, "orders", ctx.ds)
    # Checkpointing reads the files once and cuts input_file_name() out of the lineage (MERGE needs a
    # deterministic source).
    validated = validate_orders(raw).localCheckpoint(eager=True)
    ranked = None
    try:
        reason_counts = {
            row["reject_reason"]: row["count"] for row in validated.groupBy("reject_reason").count().collect()
        }
        valid_count = reason_counts.pop(None, 0)
        input_count = valid_count + sum(reason_counts.values())
        rejected_count = input_count - valid_count

        rejected_at = write_rejects(reject_output(validated, ctx), ctx.rejected_base, "orders", ctx.ds)

        ranked = rank_order_versions(validated.filter(F.col("reject_reason").isNull())).persist(
            StorageLevel.MEMORY_AND_DISK
        )
        version_counts = {
            row["is_latest"]: row["count"]
            for row in ranked.groupBy((F.col("version_rank") == 1).alias("is_latest")).count().collect()
        }
        accepted_count = version_counts.get(True, 0)
        duplicates = version_counts.get(False, 0)
        if input_count != accepted_count + rejected_count + duplicates:
            raise RowAccountingError(
                f"row accounting does not balance: input {input_count} != accepted {accepted_count} "
                f"+ rejected {rejected_count} + duplicates {duplicates}"
            )
        batch = curated_orders(ranked.filter(F.col("version_rank") == 1), ctx.ds, ctx.run_id, F.current_timestamp())
        merge_counts = merge_orders(ctx, batch)
    finally:
        if ranked is not None:
            ranked.unpersist()

    return {
        "job": "process_orders",
        "ds": ctx.ds,
        "run_id": ctx.run_id,
        "input": input_count,
        "accepted": accepted_count,
        "rejected": rejected_count,
        "rejected_by_reason": dict(sorted(reason_counts.items())),
        "duplicates_dropped": duplicates,
        "merge": merge_counts,
        "rejected_path": rejected_at,
        "table": tables.ORDERS,
    }
