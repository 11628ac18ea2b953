"""process_orders: raw/ecommerce/orders/<ds>/ -> validated, deduplicated MERGE into gridata.ecommerce.orders.

Row accounting is exact: input = accepted + rejected + duplicates dropped."""
from __future__ import annotations

from pyspark import StorageLevel
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .. import tables
from ..raw_io import read_landing, write_rejects, write_run_summary
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


# Up to this many order ids, a set of keys is joined as a broadcast (narrow: ids only) so the wide order rows
# are never shuffled for deduplication or classification; beyond it, a regular join gives the same result.
BROADCAST_KEYS_LIMIT = 200_000


def _restrict(frame: DataFrame, keys: DataFrame, key_count: int, how: str) -> DataFrame:
    """frame rows whose order_id is (left_semi) or is not (left_anti) among keys."""
    keys = keys.select("order_id")
    return frame.join(F.broadcast(keys) if key_count <= BROADCAST_KEYS_LIMIT else keys, "order_id", how)


def latest_versions(valid: DataFrame) -> tuple[DataFrame, int, DataFrame]:
    """(the latest version of each order, duplicates dropped, the persisted duplicated ids to unpersist).

    Only orders with several versions are ranked: their ids are found on a narrow aggregate, so the wide rows of
    the (usual) single-version orders stay where they are."""
    duplicated = (
        valid.groupBy("order_id").agg(F.count(F.lit(1)).alias("versions")).filter(F.col("versions") > 1)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    stats = duplicated.agg(F.count(F.lit(1)).alias("ids"), F.sum(F.col("versions") - 1).alias("dropped")).first()
    duplicated_ids, dropped = stats["ids"], stats["dropped"] or 0
    if duplicated_ids == 0:
        return valid, 0, duplicated
    single = _restrict(valid, duplicated, duplicated_ids, "left_anti")
    ranked = rank_order_versions(_restrict(valid, duplicated, duplicated_ids, "left_semi"))
    winners = ranked.filter(F.col("version_rank") == 1).drop("version_rank")
    return single.unionByName(winners), dropped, duplicated


def classify_against_stored(ctx: JobContext, batch: DataFrame) -> DataFrame:
    """order_id and outcome of each batch row against the stored version: inserted (no stored version),
    updated (newer than stored) or unchanged. Narrow rows only: (order_id, updated_ts) joined with the stored keys."""
    tables.ensure_table(ctx.spark, tables.ORDERS)
    stored = ctx.spark.table(tables.ORDERS).select("order_id", F.col("updated_ts").alias("stored_updated_ts"))
    return batch.select("order_id", "updated_ts", "order_timestamp").join(stored, "order_id", "left").select(
        "order_id", "order_timestamp",
        F.when(F.col("stored_updated_ts").isNull(), "inserted")
        .when(F.col("updated_ts") > F.col("stored_updated_ts"), "updated")
        .otherwise("unchanged").alias("outcome"),
    )


def merge_changes(ctx: JobContext, batch: DataFrame, classified: DataFrame, counts: dict) -> None:
    """MERGEs the new and newer rows only (the MERGE's own condition still guards against a concurrent writer),
    so unchanged rows never make Iceberg rewrite their files and a pure rerun commits nothing."""
    changed = counts["inserted"] + counts["updated"]
    if not changed:
        return
    if counts["unchanged"] == 0:
        changes = batch
    elif counts["unchanged"] <= changed:
        changes = _restrict(batch, classified.filter(F.col("outcome") == "unchanged"), counts["unchanged"], "left_anti")
    else:
        changes = _restrict(batch, classified.filter(F.col("outcome") != "unchanged"), changed, "left_semi")
    changes.createOrReplaceTempView("orders_changes")
    ctx.spark.sql(
        f"""
        MERGE INTO {tables.ORDERS} AS target
        USING orders_changes AS source
        ON target.order_id = source.order_id
        WHEN MATCHED AND source.updated_ts > target.updated_ts THEN UPDATE SET *
        WHEN NOT MATCHED THEN INSERT *
        """
    )


def run(ctx: JobContext) -> dict:
    spark = ctx.spark
    raw = read_landing(spark, ctx.raw_base, "orders", ctx.ds)
    # Checkpointing reads the files once and cuts input_file_name() out of the lineage (MERGE needs a
    # deterministic source); every later step reads the checkpoint, never the files again.
    validated = validate_orders(raw).localCheckpoint(eager=True)
    duplicated = classified = None
    try:
        reason_counts = {
            row["reject_reason"]: row["count"] for row in validated.groupBy("reject_reason").count().collect()
        }
        valid_count = reason_counts.pop(None, 0)
        input_count = valid_count + sum(reason_counts.values())
        rejected_count = input_count - valid_count

        rejected_at = write_rejects(reject_output(validated, ctx), ctx.rejected_base, "orders", ctx.ds)

        latest, duplicates, duplicated = latest_versions(validated.filter(F.col("reject_reason").isNull()))
        batch = curated_orders(latest, ctx.ds, ctx.run_id, F.current_timestamp())
        classified = classify_against_stored(ctx, batch).persist(StorageLevel.MEMORY_AND_DISK)
        outcome_rows = classified.groupBy("outcome").agg(
            F.count(F.lit(1)).alias("count"), F.max("order_timestamp").alias("newest")).collect()
        merge_counts = {"inserted": 0, "updated": 0, "unchanged": 0} | {r["outcome"]: r["count"] for r in outcome_rows}
        newest = max((r["newest"] for r in outcome_rows), default=None)
        # Accepted is counted on the batch itself (one outcome per row), independently of the duplicates; the
        # check comes before anything is written to the table.
        accepted_count = sum(merge_counts.values())
        if input_count != accepted_count + rejected_count + duplicates:
            raise RowAccountingError(
                f"row accounting does not balance: input {input_count} != accepted {accepted_count} "
                f"+ rejected {rejected_count} + duplicates {duplicates}"
            )
        merge_changes(ctx, batch, classified, merge_counts)
    finally:
        for frame in (duplicated, classified):
            if frame is not None:
                frame.unpersist()

    summary = {
        "job": "process_orders",
        "ds": ctx.ds,
        "run_id": ctx.run_id,
        "input": input_count,
        "accepted": accepted_count,
        "rejected": rejected_count,
        "rejected_by_reason": dict(sorted(reason_counts.items())),
        "duplicates_dropped": duplicates,
        "merge": merge_counts,
        "newest_order_timestamp": newest.isoformat() if newest else None,
        "rejected_path": rejected_at,
        "table": tables.ORDERS,
    }
    # What the quality gate measures the run by (input lines, rejects, accepted incl. already stored, newest order).
    write_run_summary(spark, ctx.rejected_base, "orders", ctx.ds, summary)
    return summary
