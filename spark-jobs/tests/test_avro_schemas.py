import json
from pathlib import Path

import pytest
from pyspark.sql import types as T

from gridata_spark.avro_schema import DATASET_SCHEMA_FILES, enum_symbols, field_rules, raw_read_schema, schemas_dir


@pytest.mark.parametrize("dataset", sorted(DATASET_SCHEMA_FILES))
def test_every_schema_is_in_gridatas_namespace(dataset):
    schema = json.loads((schemas_dir() / DATASET_SCHEMA_FILES[dataset]).read_text())
    assert schema["namespace"] == "io.gridata.ecommerce"
    assert schema["type"] == "record"


def test_schemas_folder_holds_exactly_the_four_contracts():
    assert sorted(p.name for p in Path(schemas_dir()).glob("*.avsc")) == [
        "clickstream_event.avsc", "customer.avsc", "order.avsc", "product.avsc"
    ]


def test_order_read_schema_is_derived_field_by_field_from_avro():
    item = T.StructType([
        T.StructField("product_id", T.StringType()), T.StructField("product_name", T.StringType()),
        T.StructField("category", T.StringType()), T.StructField("quantity", T.IntegerType()),
        T.StructField("unit_price", T.DoubleType()), T.StructField("discount_pct", T.DoubleType()),
    ])
    address = T.StructType([T.StructField(n, T.StringType()) for n in ("street", "city", "state", "postal_code", "country")])
    assert raw_read_schema("orders") == T.StructType([
        T.StructField("order_id", T.StringType()), T.StructField("customer_id", T.StringType()),
        T.StructField("order_date", T.StringType()), T.StructField("updated_at", T.StringType()),
        T.StructField("order_status", T.StringType()), T.StructField("items", T.ArrayType(item)),
        T.StructField("subtotal", T.DoubleType()), T.StructField("tax", T.DoubleType()),
        T.StructField("shipping_cost", T.DoubleType()), T.StructField("discount", T.DoubleType()),
        T.StructField("shipping_address", address), T.StructField("payment_method", T.StringType()),
        T.StructField("source", T.StringType()),
    ])


def test_required_fields_are_the_non_nullable_ones_without_default():
    required = {r.name for r in field_rules("orders") if r.required}
    assert required == {"order_id", "order_date", "order_status", "items", "subtotal", "tax", "shipping_cost",
                        "shipping_address", "payment_method", "source"}
    defaults = {r.name: r.default for r in field_rules("customers") if r.default is not None}
    assert defaults == {"customer_tier": "bronze", "marketing_opt_in": False, "preferred_language": "en",
                        "preferred_currency": "USD"}


def test_enum_symbols_come_from_the_schema():
    assert enum_symbols("orders", "payment_method") == ("credit_card", "debit_card", "paypal", "bank_transfer", "crypto")
    assert enum_symbols("clickstream", "event_type") == (
        "page_view", "product_view", "add_to_cart", "remove_from_cart", "checkout", "purchase")
    with pytest.raises(KeyError):
        enum_symbols("orders", "order_id")
