import datetime as dt

import pytest
from pyspark.sql import functions as F

from conftest import DELETE, an_order, raw_frame
from gridata_spark.transforms import orders as T


def values(spark, expression, inputs, schema):
    df = spark.createDataFrame([(v,) for v in inputs], schema)
    return [r[0] for r in df.select(expression).collect()]


def test_order_category_boundaries(spark):
    got = values(spark, T.order_category(F.col("t")), [49.99, 50.0, 199.99, 200.0, 999.99, 1000.0], "t double")
    assert got == ["small", "medium", "medium", "large", "large", "very_large"]


def test_valid_amount_is_strictly_between_zero_and_100000(spark):
    got = values(spark, T.is_valid_amount(F.col("t")), [0.0, 0.01, 99999.99, 100000.0, -1.0, None], "t double")
    assert got == [False, True, True, False, False, False]


def test_customer_id_clean_maps_null_and_blank_to_unknown(spark):
    got = values(spark, T.customer_id_clean(F.col("c")), [None, "", "   ", "CUST000001"], "c string")
    assert got == ["unknown", "unknown", "unknown", "CUST000001"]


def test_data_quality_score_has_the_three_intended_levels(spark):
    df = spark.createDataFrame([(True, "C1"), (True, "unknown"), (False, "C1"), (False, "unknown")], "v boolean, c string")
    assert [r[0] for r in df.select(T.data_quality_score(F.col("v"), F.col("c"))).collect()] == [1.0, 0.8, 0.3, 0.3]


def reasons_of(spark, *orders):
    df = T.validate_orders(raw_frame(spark, "orders", list(orders)))
    return [(r["order_id"], r["reject_reason"], list(r["reject_reasons"])) for r in df.collect()]


def test_a_clean_order_gets_derived_columns_and_no_reason(spark):
    row = T.validate_orders(raw_frame(spark, "orders", [an_order()])).first()
    assert row["reject_reason"] is None and row["reject_reasons"] == []
    assert row["order_total"] == 53.19  # 40 + 3.2 + 9.99 - 0
    assert row["order_category"] == "medium"
    assert row["order_timestamp"] == dt.datetime(2024, 6, 30, 10, 0)
    assert row["order_day"] == dt.date(2024, 6, 30)
    assert row["customer_id_clean"] == "CUST000001"
    assert row["data_quality_score"] == 1.0


def test_null_customer_is_accepted_as_unknown_with_score_0_8(spark):
    row = T.validate_orders(raw_frame(spark, "orders", [an_order(customer_id=None)])).first()
    assert (row["reject_reason"], row["customer_id_clean"], row["data_quality_score"]) == (None, "unknown", 0.8)


@pytest.mark.parametrize(
    "overrides, expected_reasons",
    [
        ({"order_id": DELETE}, ["MISSING_ORDER_ID"]),
        ({"order_id": "  "}, ["MISSING_ORDER_ID"]),
        ({"payment_method": DELETE}, ["MISSING_REQUIRED_FIELD"]),
        ({"order_date": "2024-13-45T25:61:00"}, ["INVALID_TIMESTAMP"]),
        ({"updated_at": "yesterday"}, ["INVALID_TIMESTAMP"]),
        ({"order_status": "teleported"}, ["UNKNOWN_ENUM_VALUE"]),
        ({"items": []}, ["INVALID_ITEMS"]),
        ({"items": [{"product_id": "P", "product_name": "n", "category": "c", "quantity": 0, "unit_price": 1.0}]},
         ["INVALID_ITEMS"]),
        ({"subtotal": 0.0, "tax": 0.0, "shipping_cost": 0.0}, ["NON_POSITIVE_TOTAL"]),
        ({"subtotal": -10.0, "tax": 0.0, "shipping_cost": 0.0}, ["NON_POSITIVE_TOTAL"]),
        ({"subtotal": 99990.0, "tax": 10.0, "shipping_cost": 0.0}, ["TOTAL_OUT_OF_RANGE"]),
        ({"subtotal": "40 USD"}, ["MALFORMED_RECORD", "MISSING_REQUIRED_FIELD"]),
        ({"order_status": "teleported", "order_date": "nope"}, ["INVALID_TIMESTAMP", "UNKNOWN_ENUM_VALUE"]),
    ],
)
def test_each_defect_gets_its_reason_codes_in_precedence_order(spark, overrides, expected_reasons):
    [(_, primary, all_reasons)] = reasons_of(spark, an_order(**overrides))
    assert all_reasons == expected_reasons
    assert primary == expected_reasons[0]


def test_total_just_inside_the_bounds_is_valid(spark):
    [(_, primary, _)] = reasons_of(spark, an_order(subtotal=99989.99, tax=10.0, shipping_cost=0.0))
    assert primary is None


def test_wrong_type_inside_an_item_and_truncated_lines_are_malformed(spark):
    bad_item = an_order(items=[{"product_id": "P", "product_name": "n", "category": "c", "quantity": "two",
                                "unit_price": 1.0}])
    rows = reasons_of(spark, bad_item, '{"order_id": "ORD9", "trunc')
    assert [r[1] for r in rows] == ["MALFORMED_RECORD", "MALFORMED_RECORD"]


def test_missing_discount_defaults_to_zero(spark):
    order = an_order(discount=DELETE)
    order["items"][0].pop("discount_pct")
    row = T.validate_orders(raw_frame(spark, "orders", [order])).first()
    assert row["discount"] == 0.0 and row["items"][0]["discount_pct"] == 0.0 and row["reject_reason"] is None


def test_latest_version_wins_and_ties_break_on_content(spark):
    older = an_order(order_status="shipped", updated_at="2024-06-30T10:00:00")
    newer = an_order(order_status="delivered", updated_at="2024-06-30T12:00:00")
    same_time_a = an_order(order_id="ORD2", order_status="pending", updated_at="2024-06-30T09:00:00")
    same_time_b = an_order(order_id="ORD2", order_status="processing", updated_at="2024-06-30T09:00:00")
    no_update_ts = an_order(order_id="ORD3", updated_at=None)

    def winners(records):
        ranked = T.rank_order_versions(T.validate_orders(raw_frame(spark, "orders", records)))
        return {r["order_id"]: r["order_status"] for r in ranked.filter("version_rank = 1").collect()}, ranked

    first, ranked = winners([newer, older, same_time_a, same_time_b, no_update_ts])
    second, _ = winners([same_time_b, no_update_ts, older, same_time_a, newer])
    assert first["ORD0000001"] == "delivered"
    assert first == second  # input order does not matter
    assert first["ORD3"] == "delivered"
    assert ranked.filter("version_rank > 1").count() == 2


def test_curated_orders_match_the_iceberg_table_columns(spark):
    from gridata_spark import tables

    latest = T.rank_order_versions(T.validate_orders(raw_frame(spark, "orders", [an_order()])))
    curated = T.curated_orders(latest, "2024-06-30", "run-1", F.current_timestamp())
    tables.ensure_table(spark, tables.ORDERS)
    assert curated.columns == spark.table(tables.ORDERS).columns
