"""Customers, products and clickstream events: validation rules and curated shapes (pure functions)."""
from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from .. import reasons
from ..timestamps import parse_date, parse_timestamp
from ..validation import Rule, apply_avro_defaults, schema_rules, with_reject_reasons
from .orders import record_fingerprint

CUSTOMER_RAW_COLUMNS = [
    "customer_id", "email", "first_name", "last_name", "phone", "date_of_birth", "gender", "registration_date",
    "customer_tier", "marketing_opt_in", "preferred_language", "preferred_currency",
]
PRODUCT_RAW_COLUMNS = [
    "product_id", "product_name", "category", "brand", "price", "cost", "stock_quantity", "weight_kg", "rating",
]
EVENT_RAW_COLUMNS = [
    "event_id", "session_id", "customer_id", "event_type", "event_timestamp", "product_id", "page_url", "referrer",
    "device", "browser",
]


def validate_customers(raw: DataFrame) -> DataFrame:
    rules = schema_rules("customers", "customer_id", timestamp_fields=["registration_date"], date_fields=["date_of_birth"])
    return with_reject_reasons(apply_avro_defaults(raw, "customers"), rules)


def validate_products(raw: DataFrame) -> DataFrame:
    rules = schema_rules("products", "product_id", timestamp_fields=[]) + [
        Rule(
            reasons.INVALID_PRICE,
            lambda: (F.col("price") <= 0) | (F.col("cost") < 0) | (F.col("stock_quantity") < 0),
        )
    ]
    return with_reject_reasons(apply_avro_defaults(raw, "products"), rules)


def validate_events(raw: DataFrame) -> DataFrame:
    rules = schema_rules("clickstream", "event_id", timestamp_fields=["event_timestamp"])
    return with_reject_reasons(apply_avro_defaults(raw, "clickstream"), rules)


def _lineage(ds: str, run_id: str) -> list[Column]:
    return [F.to_date(F.lit(ds)).alias("ingest_ds"), F.lit(run_id).alias("run_id")]


def curated_customers(valid: DataFrame, ds: str, run_id: str) -> DataFrame:
    return valid.select(
        "customer_id", F.lower(F.trim("email")).alias("email"), "first_name", "last_name", "phone",
        parse_date(F.col("date_of_birth")).alias("date_of_birth"), "gender",
        parse_timestamp(F.col("registration_date")).alias("registration_ts"), "customer_tier", "marketing_opt_in",
        "preferred_language", "preferred_currency", record_fingerprint(CUSTOMER_RAW_COLUMNS).alias("record_hash"),
        *_lineage(ds, run_id),
    )


def curated_products(valid: DataFrame, ds: str, run_id: str) -> DataFrame:
    return valid.select(
        *PRODUCT_RAW_COLUMNS, record_fingerprint(PRODUCT_RAW_COLUMNS).alias("record_hash"), *_lineage(ds, run_id)
    )


def curated_events(valid: DataFrame, ds: str, run_id: str) -> DataFrame:
    event_ts = parse_timestamp(F.col("event_timestamp"))
    return valid.select(
        "event_id", "session_id", "customer_id", "event_type", event_ts.alias("event_ts"),
        F.to_date(event_ts).alias("event_date"), "product_id", "page_url", "referrer", "device", "browser",
        *_lineage(ds, run_id),
    )
