"""Order rules from the original system, with its defects fixed: typed timestamps, correct
data_quality_score, reason codes for every reject, deterministic latest-wins deduplication."""
from __future__ import annotations

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from .. import reasons
from ..timestamps import parse_timestamp
from ..validation import Rule, apply_avro_defaults, schema_rules, with_reject_reasons

MIN_TOTAL_EXCLUSIVE = 0.0
MAX_TOTAL_EXCLUSIVE = 100000.0
UNKNOWN_CUSTOMER = "unknown"

RAW_ORDER_COLUMNS = [
    "order_id", "customer_id", "order_date", "updated_at", "order_status", "items", "subtotal", "tax",
    "shipping_cost", "discount", "shipping_address", "payment_method", "source",
]


def order_total(df_subtotal: Column, tax: Column, shipping: Column, discount: Column) -> Column:
    return F.round(df_subtotal + tax + shipping - discount, 2)


def order_category(total: Column) -> Column:
    return (
        F.when(total < 50, "small")
        .when(total < 200, "medium")
        .when(total < 1000, "large")
        .otherwise("very_large")
    )


def is_valid_amount(total: Column) -> Column:
    return F.coalesce((total > MIN_TOTAL_EXCLUSIVE) & (total < MAX_TOTAL_EXCLUSIVE), F.lit(False))


def customer_id_clean(customer_id: Column) -> Column:
    return F.coalesce(F.nullif(F.trim(customer_id), F.lit("")), F.lit(UNKNOWN_CUSTOMER))


def data_quality_score(valid_amount: Column, clean_customer_id: Column) -> Column:
    """1.0 valid amount and known customer; 0.8 valid amount only; 0.3 otherwise (the seed's intent)."""
    return (
        F.when(valid_amount & (clean_customer_id != UNKNOWN_CUSTOMER), 1.0)
        .when(valid_amount, 0.8)
        .otherwise(0.3)
    )


def _with_item_defaults(items: Column) -> Column:
    return F.transform(
        items,
        lambda item: F.struct(
            item["product_id"].alias("product_id"),
            item["product_name"].alias("product_name"),
            item["category"].alias("category"),
            item["quantity"].alias("quantity"),
            item["unit_price"].alias("unit_price"),
            F.coalesce(item["discount_pct"], F.lit(0.0)).alias("discount_pct"),
        ),
    )


def _invalid_items() -> Column:
    # Absent or blank item fields are MISSING_REQUIRED_FIELD (derived from the contract); these are the values.
    bad_item = lambda i: (  # noqa: E731 - a predicate passed to exists()
        (i["quantity"] <= 0)
        | (i["unit_price"] < 0)
        | (i["discount_pct"] < 0)
        | (i["discount_pct"] > 1)
    )
    return F.col("items").isNotNull() & ((F.size("items") == 0) | F.exists("items", lambda i: F.coalesce(bad_item(i), F.lit(False))))


def order_rules() -> list[Rule]:
    return schema_rules("orders", "order_id", timestamp_fields=["order_date", "updated_at"]) + [
        Rule(reasons.INVALID_ITEMS, _invalid_items),
        Rule(reasons.NON_POSITIVE_TOTAL, lambda: F.col("order_total") <= MIN_TOTAL_EXCLUSIVE),
        Rule(reasons.TOTAL_OUT_OF_RANGE, lambda: F.col("order_total") >= MAX_TOTAL_EXCLUSIVE),
    ]


def derive_order_columns(raw: DataFrame) -> DataFrame:
    """Typed and derived columns on raw order records (valid or not); validation reads them."""
    df = apply_avro_defaults(raw, "orders").withColumn("items", _with_item_defaults(F.col("items")))
    order_ts = parse_timestamp(F.col("order_date"))
    total = order_total(F.col("subtotal"), F.col("tax"), F.col("shipping_cost"), F.col("discount"))
    return (
        df.withColumn("order_timestamp", order_ts)
        .withColumn("updated_ts", F.coalesce(parse_timestamp(F.col("updated_at")), order_ts))
        .withColumn("order_day", F.to_date(order_ts))
        .withColumn("order_total", total)
        .withColumn("order_category", order_category(total))
        .withColumn("is_valid_amount", is_valid_amount(total))
        .withColumn("customer_id_clean", customer_id_clean(F.col("customer_id")))
        .withColumn("data_quality_score", data_quality_score(F.col("is_valid_amount"), F.col("customer_id_clean")))
    )


def validate_orders(raw: DataFrame) -> DataFrame:
    """Raw orders with derived columns plus reject_reasons / reject_reason (null when the record is valid)."""
    return with_reject_reasons(derive_order_columns(raw), order_rules())


def record_fingerprint(columns: list[str]) -> Column:
    """SHA-256 of the record's content: stored to detect changed reference data."""
    return F.sha2(F.to_json(F.struct(*[F.col(c) for c in columns])), 256)


def tie_breaker(columns: list[str]) -> Column:
    """Fast content hash, the last sort key of deduplication, so the winner does not depend on file or
    partition order. Equal hashes mean identical content, where either copy may win."""
    return F.xxhash64(*[F.col(c) for c in columns])


def rank_versions(valid: DataFrame, key: str, order_by: list[Column]) -> DataFrame:
    """Adds version_rank: 1 for the version that wins (latest), 2.. for the duplicates it replaces."""
    window = Window.partitionBy(key).orderBy(*order_by)
    return valid.withColumn("version_rank", F.row_number().over(window))


def rank_order_versions(valid_orders: DataFrame) -> DataFrame:
    return rank_versions(
        valid_orders.withColumn("_fingerprint", tie_breaker(RAW_ORDER_COLUMNS)),
        "order_id",
        [F.col("updated_ts").desc(), F.col("order_timestamp").desc(), F.col("_fingerprint").desc()],
    ).drop("_fingerprint")


CURATED_ORDER_COLUMNS = [
    "order_id", "customer_id", "customer_id_clean", "order_status", "items", "subtotal", "tax", "shipping_cost",
    "discount", "order_total", "order_category", "is_valid_amount", "data_quality_score", "shipping_address",
    "payment_method", "source", "order_timestamp", "updated_ts", "order_day",
]


def curated_orders(latest: DataFrame, ds: str, run_id: str, processed_at: Column) -> DataFrame:
    """Rows in the shape of gridata.ecommerce.orders."""
    return latest.select(
        *CURATED_ORDER_COLUMNS,
        F.to_date(F.lit(ds)).alias("ingest_ds"),
        F.lit(run_id).alias("run_id"),
        processed_at.alias("processed_at"),
    )
