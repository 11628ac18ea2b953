"""The ingestion jobs for customers, products and clickstream events: one flow, three dataset specs.

landing JSON -> validate against the Avro contract -> quarantine rejects -> dedupe by key -> MERGE."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from pyspark import StorageLevel
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .. import tables
from ..raw_io import read_landing, write_rejects
from ..transforms import reference_data as rd
from ..transforms.orders import rank_versions, tie_breaker
from ..validation import CORRUPT_RECORD_COLUMN
from .context import JobContext


@dataclass(frozen=True)
class DatasetSpec:
    job_id: str
    dataset: str
    key: str
    raw_columns: list[str]
    table: str
    validate: Callable[[DataFrame], DataFrame]
    curate: Callable[[DataFrame, str, str], DataFrame]
    # MERGE clause for existing keys: reference data is updated when its content changed; events are immutable.
    when_matched: str


SPECS = {
    "ingest_customers": DatasetSpec(
        "ingest_customers", "customers", "customer_id", rd.CUSTOMER_RAW_COLUMNS, tables.CUSTOMERS,
        rd.validate_customers, rd.curated_customers,
        "WHEN MATCHED AND target.record_hash <> source.record_hash THEN UPDATE SET *",
    ),
    "ingest_products": DatasetSpec(
        "ingest_products", "products", "product_id", rd.PRODUCT_RAW_COLUMNS, tables.PRODUCTS,
        rd.validate_products, rd.curated_products,
        "WHEN MATCHED AND target.record_hash <> source.record_hash THEN UPDATE SET *",
    ),
    "ingest_clickstream": DatasetSpec(
        "ingest_clickstream", "clickstream", "event_id", rd.EVENT_RAW_COLUMNS, tables.CLICKSTREAM_EVENTS,
        rd.validate_events, rd.curated_events, "",
    ),
}


def run_ingest(ctx: JobContext, spec: DatasetSpec) -> dict:
    spark = ctx.spark
    raw = read_landing(spark, ctx.raw_base, spec.dataset, ctx.ds)
    # Checkpointing reads the files once and cuts input_file_name() out of the lineage (MERGE needs a
    # deterministic source).
    validated = spec.validate(raw).localCheckpoint(eager=True)
    reason_counts = {r["reject_reason"]: r["count"] for r in validated.groupBy("reject_reason").count().collect()}
    valid_count = reason_counts.pop(None, 0)
    rejected_count = sum(reason_counts.values())
    write_rejects(
        validated.filter(F.col("reject_reason").isNotNull()).select(
            "reject_reason", "reject_reasons", *spec.raw_columns, CORRUPT_RECORD_COLUMN, "source_file",
            F.lit(ctx.ds).alias("ds"), F.lit(ctx.run_id).alias("run_id"),
        ),
        ctx.rejected_base, spec.dataset, ctx.ds,
    )
    # Identical copies and competing versions of a key: the content hash picks one deterministically.
    ranked = rank_versions(
        validated.filter(F.col("reject_reason").isNull()),
        spec.key,
        [tie_breaker(spec.raw_columns).desc()],
    )
    batch = spec.curate(ranked.filter(F.col("version_rank") == 1), ctx.ds, ctx.run_id)
    tables.ensure_table(spark, spec.table)
    classified = classify(batch, spark.table(spec.table), spec).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        outcomes = {r["outcome"]: r["count"] for r in classified.groupBy("outcome").count().collect()}
        merge_counts = {"inserted": 0, "updated": 0, "unchanged": 0} | outcomes
        if merge_counts["inserted"] + merge_counts["updated"]:
            # Only new and changed rows enter the MERGE: an unchanged rerun commits no snapshot at all.
            changed = batch.join(classified.filter(F.col("outcome") != "unchanged").select(spec.key), spec.key, "left_semi")
            changed.createOrReplaceTempView(f"{spec.dataset}_changes")
            spark.sql(
                f"""
                MERGE INTO {spec.table} AS target
                USING {spec.dataset}_changes AS source
                ON target.{spec.key} = source.{spec.key}
                {spec.when_matched}
                WHEN NOT MATCHED THEN INSERT *
                """
            )
    finally:
        classified.unpersist()
    accepted = sum(merge_counts.values())
    return {
        "job": spec.job_id,
        "ds": ctx.ds,
        "run_id": ctx.run_id,
        "input": valid_count + rejected_count,
        "accepted": accepted,
        "rejected": rejected_count,
        "rejected_by_reason": dict(sorted(reason_counts.items())),
        "duplicates_dropped": valid_count - accepted,
        "inserted": merge_counts["inserted"],
        "merge": merge_counts,
        "table": spec.table,
    }


def classify(batch: DataFrame, stored: DataFrame, spec: DatasetSpec) -> DataFrame:
    """key and outcome of each batch row against the stored row: inserted (new key), updated (reference data whose
    content hash changed) or unchanged. Narrow rows only: keys (and hashes) joined with the stored ones."""
    if spec.when_matched:
        stored_keys = stored.select(spec.key, F.col("record_hash").alias("stored_hash"))
        joined = batch.select(spec.key, "record_hash").join(stored_keys, spec.key, "left")
        outcome = (F.when(F.col("stored_hash").isNull(), "inserted")
                   .when(F.col("record_hash") != F.col("stored_hash"), "updated").otherwise("unchanged"))
    else:  # immutable events: a stored key is never rewritten
        joined = batch.select(spec.key).join(stored.select(spec.key, F.lit(True).alias("stored")), spec.key, "left")
        outcome = F.when(F.col("stored").isNull(), "inserted").otherwise("unchanged")
    return joined.select(spec.key, outcome.alias("outcome"))


def run_customers(ctx: JobContext) -> dict:
    return run_ingest(ctx, SPECS["ingest_customers"])


def run_products(ctx: JobContext) -> dict:
    return run_ingest(ctx, SPECS["ingest_products"])


def run_clickstream(ctx: JobContext) -> dict:
    return run_ingest(ctx, SPECS["ingest_clickstream"])
