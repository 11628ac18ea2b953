"""Iceberg table identifiers and their DDL. The catalog `gridata` itself is configured from outside
(REST catalog in the cluster, a Hadoop catalog on local disk in tests); jobs only name tables."""
from __future__ import annotations

from pyspark.sql import SparkSession

CATALOG = "gridata"

ORDERS = f"{CATALOG}.ecommerce.orders"
CUSTOMERS = f"{CATALOG}.ecommerce.customers"
PRODUCTS = f"{CATALOG}.ecommerce.products"
CLICKSTREAM_EVENTS = f"{CATALOG}.ecommerce.clickstream_events"
CLICKSTREAM_DAILY = f"{CATALOG}.analytics.clickstream_daily"
CUSTOMER_360 = f"{CATALOG}.analytics.customer_360"
CHECK_RESULTS = f"{CATALOG}.quality.check_results"

_COMMON_PROPERTIES = "'format-version'='2', 'write.format.default'='parquet', 'write.parquet.compression-codec'='zstd'"

_ORDER_ITEM = (
    "STRUCT<product_id: STRING, product_name: STRING, category: STRING, quantity: INT, "
    "unit_price: DOUBLE, discount_pct: DOUBLE>"
)
_ADDRESS = "STRUCT<street: STRING, city: STRING, state: STRING, postal_code: STRING, country: STRING>"

# Tables written across many day partitions at once: each write task keeps one open file per day instead of
# sorting its rows by day first (hash distribution already sends each day to exactly one task, so the files
# are the same; at 1M orders this saves about a sixth of the MERGE's CPU).
_FANOUT_TABLES = {ORDERS, CLICKSTREAM_EVENTS}
_FANOUT_PROPERTIES = "'write.spark.fanout.enabled'='true'"

DDL = {
    ORDERS: f"""
        order_id STRING NOT NULL, customer_id STRING, customer_id_clean STRING NOT NULL,
        order_status STRING, items ARRAY<{_ORDER_ITEM}>, subtotal DOUBLE, tax DOUBLE, shipping_cost DOUBLE,
        discount DOUBLE, order_total DOUBLE, order_category STRING, is_valid_amount BOOLEAN,
        data_quality_score DOUBLE, shipping_address {_ADDRESS}, payment_method STRING, source STRING,
        order_timestamp TIMESTAMP NOT NULL, updated_ts TIMESTAMP NOT NULL, order_day DATE,
        ingest_ds DATE, run_id STRING, processed_at TIMESTAMP
    ) USING iceberg PARTITIONED BY (days(order_timestamp))""",
    CUSTOMERS: """
        customer_id STRING NOT NULL, email STRING, first_name STRING, last_name STRING, phone STRING,
        date_of_birth DATE, gender STRING, registration_ts TIMESTAMP, customer_tier STRING,
        marketing_opt_in BOOLEAN, preferred_language STRING, preferred_currency STRING,
        record_hash STRING, ingest_ds DATE, run_id STRING
    ) USING iceberg""",
    PRODUCTS: """
        product_id STRING NOT NULL, product_name STRING, category STRING, brand STRING, price DOUBLE,
        cost DOUBLE, stock_quantity INT, weight_kg DOUBLE, rating DOUBLE,
        record_hash STRING, ingest_ds DATE, run_id STRING
    ) USING iceberg""",
    CLICKSTREAM_EVENTS: """
        event_id STRING NOT NULL, session_id STRING, customer_id STRING, event_type STRING,
        event_ts TIMESTAMP NOT NULL, event_date DATE, product_id STRING, page_url STRING, referrer STRING,
        device STRING, browser STRING, ingest_ds DATE, run_id STRING
    ) USING iceberg PARTITIONED BY (days(event_ts))""",
    CLICKSTREAM_DAILY: """
        customer_id STRING NOT NULL, activity_date DATE NOT NULL, sessions BIGINT, page_views BIGINT,
        product_views BIGINT, add_to_cart BIGINT, remove_from_cart BIGINT, checkouts BIGINT, purchases BIGINT,
        time_on_site_sec BIGINT, avg_session_duration_sec DOUBLE, run_id STRING
    ) USING iceberg PARTITIONED BY (activity_date)""",
    CUSTOMER_360: """
        customer_id STRING NOT NULL, email STRING, first_name STRING, last_name STRING, phone STRING,
        date_of_birth DATE, gender STRING, registration_ts TIMESTAMP, customer_tier STRING,
        marketing_opt_in BOOLEAN, preferred_language STRING, preferred_currency STRING,
        total_orders BIGINT, total_revenue DOUBLE, avg_order_value DOUBLE, first_order_date TIMESTAMP,
        last_order_date TIMESTAMP, order_ids ARRAY<STRING>, recency_days INT, customer_tenure_months DOUBLE,
        purchase_frequency DOUBLE, predicted_ltv DOUBLE, customer_segment STRING, activity_status STRING,
        churn_risk_score DOUBLE, is_premium_customer BOOLEAN, r_score INT, f_score INT, m_score INT,
        rfm_score STRING, rfm_segment STRING, total_sessions BIGINT, total_page_views BIGINT,
        total_product_views BIGINT, total_add_to_cart BIGINT, total_time_on_site_sec BIGINT,
        avg_session_duration_sec DOUBLE, browse_to_cart_rate DOUBLE, as_of_date DATE NOT NULL, run_id STRING
    ) USING iceberg PARTITIONED BY (as_of_date)""",
    CHECK_RESULTS: """
        run_id STRING NOT NULL, ds DATE NOT NULL, suite STRING, table_name STRING, check_name STRING,
        check_type STRING, severity STRING, passed BOOLEAN, observed_value DOUBLE, threshold STRING,
        details STRING, checked_at TIMESTAMP
    ) USING iceberg PARTITIONED BY (ds)""",
}


def ensure_table(spark: SparkSession, identifier: str) -> None:
    """Creates the namespace and table if absent; an existing table is left as it is."""
    namespace = identifier.rsplit(".", 1)[0]
    spark.sql(f"CREATE NAMESPACE IF NOT EXISTS {namespace}")
    properties = _COMMON_PROPERTIES + (f", {_FANOUT_PROPERTIES}" if identifier in _FANOUT_TABLES else "")
    spark.sql(f"CREATE TABLE IF NOT EXISTS {identifier} ({DDL[identifier]} TBLPROPERTIES ({properties})")


def table_columns(spark: SparkSession, identifier: str) -> list[str]:
    return spark.table(identifier).columns
