"""Reject reason codes. A rejected record carries every code that applies (reject_reasons) and the
first one in this precedence order as its primary code (reject_reason)."""

# not exactly one JSON object on the line, a JSON value of the wrong kind (no coercion), NaN/Infinity
MALFORMED_RECORD = "MALFORMED_RECORD"
MISSING_ID = "MISSING_{}"  # e.g. MISSING_ORDER_ID: the record's key is null or blank
# a non-nullable field without default is absent, null or (strings) blank, at any depth (items, address)
MISSING_REQUIRED_FIELD = "MISSING_REQUIRED_FIELD"
# not a full ISO-8601 date-time (YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+hh:mm]) / date (YYYY-MM-DD), or no such instant
INVALID_TIMESTAMP = "INVALID_TIMESTAMP"
UNKNOWN_ENUM_VALUE = "UNKNOWN_ENUM_VALUE"  # a value outside the Avro enum's symbols
INVALID_ITEMS = "INVALID_ITEMS"  # orders: no items, or an item with qty <= 0, price < 0, discount outside [0,1]
NON_POSITIVE_TOTAL = "NON_POSITIVE_TOTAL"  # orders: order_total <= 0
TOTAL_OUT_OF_RANGE = "TOTAL_OUT_OF_RANGE"  # orders: order_total >= 100000
INVALID_PRICE = "INVALID_PRICE"  # products: price <= 0, cost < 0 or stock < 0


def missing_id(id_field: str) -> str:
    return MISSING_ID.format(id_field.upper())
