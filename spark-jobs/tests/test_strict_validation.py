"""Validation by the Avro contract, strictly: one JSON object per line, JSON kinds as declared (no coercion),
full ISO-8601 date-times, required nested fields present and non-blank, no NaN/Infinity. Each case with the
exact reason codes (primary first)."""
import datetime as dt
import json

import pytest

from conftest import DELETE, an_order, raw_frame
from gridata_spark.transforms import orders as T
from gridata_spark.transforms import reference_data as RD


def reasons_of(spark, *lines):
    rows = T.validate_orders(raw_frame(spark, "orders", list(lines))).collect()
    return [(r["reject_reason"], list(r["reject_reasons"]), r["_corrupt_record"]) for r in rows]


def with_address(**fields):
    order = an_order()
    order["shipping_address"] = {**order["shipping_address"], **fields}
    return order


def with_item(**fields):
    order = an_order()
    item = {**order["items"][0], **fields}
    order["items"] = [{k: v for k, v in item.items() if v is not DELETE}]
    return order


def line(order) -> str:
    return json.dumps(order)


@pytest.mark.parametrize(
    "raw_line, expected",
    [
        # exactly one JSON object per line
        (json.dumps([an_order(), an_order(order_id="ORD2")]), ["MALFORMED_RECORD", "MISSING_ORDER_ID",
                                                               "MISSING_REQUIRED_FIELD"]),
        (line(an_order()) + " trailing", ["MALFORMED_RECORD"]),
        (line(an_order()) + line(an_order(order_id="ORD2")), ["MALFORMED_RECORD"]),
        (line(an_order()) + ',{"x":1}', ["MALFORMED_RECORD"]),
        (line(an_order()) + ',"v":{}', ["MALFORMED_RECORD"]),  # would repeat the wrapper's key
        (line(an_order()) + "}", ["MALFORMED_RECORD"]),  # would close the wrapper early
        ("", ["MALFORMED_RECORD", "MISSING_ORDER_ID", "MISSING_REQUIRED_FIELD"]),
        # JSON kinds as declared, no coercion
        (line(an_order(order_id=15)), ["MALFORMED_RECORD"]),
        (line(an_order(customer_id=12345)), ["MALFORMED_RECORD"]),
        (line(with_address(city=5)), ["MALFORMED_RECORD"]),
        (line(with_item(product_id={"id": "P1"})), ["MALFORMED_RECORD"]),
        (line(an_order(order_status=["delivered"])), ["MALFORMED_RECORD", "UNKNOWN_ENUM_VALUE"]),
        (line(an_order(source=True)), ["MALFORMED_RECORD"]),
        (line(an_order(subtotal="40.0")), ["MALFORMED_RECORD", "MISSING_REQUIRED_FIELD"]),
        (line(with_item(quantity=2.5)), ["MALFORMED_RECORD", "MISSING_REQUIRED_FIELD"]),
        # NaN and Infinity are not numbers of the contract
        (line(an_order(subtotal=float("nan"))), ["MALFORMED_RECORD", "MISSING_ORDER_ID", "MISSING_REQUIRED_FIELD"]),
        (line(an_order(subtotal="NaN")), ["MALFORMED_RECORD", "MISSING_REQUIRED_FIELD"]),
        (line(an_order(tax=float("inf"))), ["MALFORMED_RECORD", "MISSING_ORDER_ID", "MISSING_REQUIRED_FIELD"]),
        (line(an_order()).replace('"subtotal": 40.0', '"subtotal": 1e400'), ["MALFORMED_RECORD", "TOTAL_OUT_OF_RANGE"]),
        # full ISO-8601 date-times only
        (line(an_order(order_date="2024")), ["INVALID_TIMESTAMP"]),
        (line(an_order(order_date="2024-06-30")), ["INVALID_TIMESTAMP"]),
        (line(an_order(order_date="2024-06-30 10:00:00")), ["INVALID_TIMESTAMP"]),
        (line(an_order(updated_at="2024-06-30T10:00")), ["INVALID_TIMESTAMP"]),
        (line(an_order(order_date="2024-02-30T10:00:00")), ["INVALID_TIMESTAMP"]),
        # required nested fields present and non-blank
        (line(with_item(product_name=DELETE)), ["MISSING_REQUIRED_FIELD"]),
        (line(with_item(product_id="  ")), ["MISSING_REQUIRED_FIELD"]),
        (line(with_item(quantity=None)), ["MISSING_REQUIRED_FIELD"]),
        (line(an_order(shipping_address={})), ["MISSING_REQUIRED_FIELD"]),
        (line(with_address(postal_code="")), ["MISSING_REQUIRED_FIELD"]),
        (line(an_order(source=" ")), ["MISSING_REQUIRED_FIELD"]),
        (line(an_order(items=[None])), ["MALFORMED_RECORD", "MISSING_REQUIRED_FIELD"]),  # null is not an item
    ],
)
def test_contract_violations_get_their_exact_reasons(spark, raw_line, expected):
    [(primary, all_reasons, corrupt)] = reasons_of(spark, raw_line)
    assert (primary, all_reasons) == (expected[0], expected)
    # the raw line is kept whole for every malformed record (and only for those)
    assert corrupt == (raw_line if primary == "MALFORMED_RECORD" else None)


def test_a_line_with_an_array_is_one_input_record_not_two(spark):
    rows = reasons_of(spark, json.dumps([an_order(), an_order(order_id="ORD2")]), line(an_order(order_id="ORD3")))
    assert [r[0] for r in rows] == ["MALFORMED_RECORD", None]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-06-30T10:00:00", dt.datetime(2024, 6, 30, 10, 0)),  # no zone: UTC, the documented default
        ("2024-06-30T10:00:00.123456", dt.datetime(2024, 6, 30, 10, 0, 0, 123456)),
        ("2024-06-30T10:00:00Z", dt.datetime(2024, 6, 30, 10, 0)),
        ("2024-06-30T10:00:00+02:00", dt.datetime(2024, 6, 30, 8, 0)),
        ("2024-06-30T23:30:00-01:00", dt.datetime(2024, 7, 1, 0, 30)),
    ],
)
def test_full_date_times_with_or_without_zone_are_accepted_in_utc(spark, value, expected):
    row = T.validate_orders(raw_frame(spark, "orders", [an_order(order_date=value, updated_at=None)])).first()
    assert (row["reject_reason"], row["order_timestamp"]) == (None, expected)


def test_key_like_text_and_brackets_inside_strings_are_not_mistaken_for_structure(spark):
    tricky = with_address(street='1 "Oak" St, {"city": 5} [x', city='}{"')
    [(primary, all_reasons, corrupt)] = reasons_of(spark, line(tricky))
    assert (primary, all_reasons, corrupt) == (None, [], None)
    compact = json.dumps(an_order(), separators=(",", ":"))
    assert reasons_of(spark, compact, "  " + line(an_order()) + "  ") == [(None, [], None), (None, [], None)]


def test_unknown_fields_are_ignored_as_avro_readers_do(spark):
    assert reasons_of(spark, line(an_order(gift_wrap={"color": "red", "tags": ["a"]}))) == [(None, [], None)]


def test_reference_data_is_held_to_the_same_contract(spark):
    customer = {"customer_id": "CUST000001", "email": "a@b.c", "first_name": "A", "last_name": "B",
                "registration_date": "2024-01-01T00:00:00", "marketing_opt_in": True}
    lines = [json.dumps(customer), json.dumps({**customer, "marketing_opt_in": "true"}),
             json.dumps({**customer, "customer_id": 7}), json.dumps({**customer, "registration_date": "2024"}),
             json.dumps({**customer, "first_name": ""}), json.dumps({**customer, "date_of_birth": "1990-01-01T00:00:00"})]
    got = [r["reject_reason"] for r in RD.validate_customers(raw_frame(spark, "customers", lines)).collect()]
    assert got == [None, "MALFORMED_RECORD", "MALFORMED_RECORD", "INVALID_TIMESTAMP", "MISSING_REQUIRED_FIELD",
                   "INVALID_TIMESTAMP"]
    product = {"product_id": "PROD00001", "product_name": "Lamp", "category": "Books", "brand": "X", "price": 10.0,
               "cost": 5.0, "stock_quantity": 3, "rating": 4.5}
    lines = [json.dumps(product), json.dumps({**product, "rating": float("nan")}), json.dumps({**product, "brand": 3})]
    got = [r["reject_reason"] for r in RD.validate_products(raw_frame(spark, "products", lines)).collect()]
    assert got == [None, "MALFORMED_RECORD", "MALFORMED_RECORD"]


def test_the_single_read_of_well_formed_lines_gives_what_the_separate_reads_give(spark, monkeypatch):
    """parse_lines reads a well-formed line once (between two hash-derived sentinels); the separate record and
    wrapper reads are the contract's definition. Same lines, both ways: identical values and verdicts."""
    from pyspark.sql import functions as F

    from gridata_spark import strict_json

    tricky = with_address(street='1 "Oak" St, {"city": 5} [x', city='}{"')
    lines = [
        line(an_order()), line(tricky), "  " + line(an_order(order_id="ORD2")) + "  ",
        json.dumps(an_order(order_id="ORD3"), separators=(",", ":")), line(an_order(gift_wrap={"tags": ["a"]})),
        line(an_order()) + " trailing", line(an_order()) + line(an_order(order_id="ORD4")), line(an_order()) + "}",
        line(an_order()) + ',{"x":1}',
        json.dumps([an_order()]), "", "null", '"text"', line(an_order(order_id=15)), line(with_item(quantity=2.5)),
        line(an_order(subtotal=float("nan"))), line(an_order(items=[None])), line(with_item(product_name=DELETE)),
    ]
    frame = spark.createDataFrame([(ln,) for ln in lines], "value string").withColumn("source_file", F.lit("t.jsonl"))

    def rows():
        parsed = strict_json.parse_lines(frame, "orders")
        return [json.dumps(r.asDict(recursive=True), default=str, sort_keys=True) for r in parsed.collect()]

    single = rows()
    monkeypatch.setattr(strict_json, "_sentinel_field", lambda schema: None)  # separate reads for every line
    separate = rows()
    assert single == separate
    corrupt = [json.loads(r)["_corrupt_record"] is not None for r in single]
    assert corrupt == [False] * 5 + [True] * 12 + [False]
