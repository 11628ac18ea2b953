"""Airflow Assets for the Iceberg tables the pipelines write.

An asset event is emitted only after a table's data passed its checks, so consumers
(customer 360) never start on unchecked data. Every event carries the day it covers in
`extra["ds"]`; asset-triggered runs have no logical date, so consumers read the day from there.
"""

from __future__ import annotations

from airflow.sdk import Asset

ICEBERG_CATALOG = "gridata"


def iceberg_table_asset(namespace: str, table: str) -> Asset:
    return Asset(
        name=f"{ICEBERG_CATALOG}.{namespace}.{table}",
        uri=f"iceberg://{ICEBERG_CATALOG}/{namespace}/{table}",
        group="iceberg-table",
    )


ORDERS = iceberg_table_asset("ecommerce", "orders")
CUSTOMERS = iceberg_table_asset("ecommerce", "customers")
PRODUCTS = iceberg_table_asset("ecommerce", "products")
CLICKSTREAM_EVENTS = iceberg_table_asset("ecommerce", "clickstream_events")
CLICKSTREAM_DAILY = iceberg_table_asset("analytics", "clickstream_daily")
CUSTOMER_360 = iceberg_table_asset("analytics", "customer_360")

# The tables customer 360 reads; each must have a checked event for a day before it runs.
CUSTOMER_360_INPUTS = (ORDERS, CUSTOMERS, CLICKSTREAM_DAILY)
