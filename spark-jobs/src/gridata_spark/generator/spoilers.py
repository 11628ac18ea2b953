"""How each injected defect is applied to a generated record (in place). Variants alternate by index so
every defect shows up in more than one shape."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from .records import ISO


@dataclass(frozen=True)
class RawLine:
    """A line to write instead of the record (for defects a dict cannot express)."""

    text: str


def _line(record: dict) -> str:
    return json.dumps(record, separators=(",", ":"))


def spoil_order(kind: str, order: dict, index: int) -> dict | RawLine | None:
    """Applies `kind`; returns the extra (duplicate) record to emit for duplicate_order_id, a RawLine to write
    instead of the order, or None."""
    variant = index % 2
    shape = index % 3
    if kind == "non_positive_total":
        order.update(subtotal=0.0 if variant else -abs(order["subtotal"]), tax=0.0, shipping_cost=0.0, discount=0.0)
    elif kind == "missing_order_id":
        if variant:
            del order["order_id"]
        else:
            order["order_id"] = "  "
    elif kind == "malformed_timestamp":
        order["order_date"] = "2024-13-45T25:61:00" if variant else "yesterday afternoon"
    elif kind == "unknown_enum":
        if variant:
            order["order_status"] = "teleported"
        else:
            order["payment_method"] = "barter"
    elif kind == "wrong_type":
        if variant:
            order["subtotal"] = f"{order['subtotal']} USD"
        else:
            order["items"][0]["quantity"] = "two"
    elif kind == "json_array_line":  # one line, two orders: one MALFORMED_RECORD input line, never two orders
        other = dict(order, order_id=f"{order['order_id']}A")
        return RawLine(_line([order, other]) if variant else _line([order]))
    elif kind == "number_for_string":
        if shape == 0:
            order["order_id"] = int(order["order_id"][3:])
        elif shape == 1:
            order["customer_id"] = 12345
        else:
            order["shipping_address"] = dict(order["shipping_address"], city=5)
    elif kind == "trailing_garbage":
        return RawLine(_line(order) + (" trailing" if variant else _line(order)))
    elif kind == "non_finite_number":
        if shape == 0:
            order["subtotal"] = float("nan")  # the bare NaN token
        elif shape == 1:
            order["tax"] = "Infinity"
        else:
            return RawLine(_line(order).replace(f'"shipping_cost":{json.dumps(order["shipping_cost"])}',
                                                '"shipping_cost":1e400', 1))
    elif kind == "partial_timestamp":
        order["order_date"] = ("2024", order["order_date"][:10], order["order_date"][:19].replace("T", " "))[shape]
    elif kind == "missing_nested_field":
        if shape == 0:
            del order["items"][0]["product_name"]
        elif shape == 1:
            order["items"][0]["product_id"] = "  "
        else:
            order["shipping_address"] = {}
    elif kind == "missing_customer_id":
        order["customer_id"] = None
    elif kind == "orphan_customer_id":
        order["customer_id"] = f"CUSTX{index:06d}"
    elif kind == "duplicate_order_id":
        newer = dict(order)
        newer["order_status"] = "returned" if order["order_status"] == "delivered" else "delivered"
        later = dt.datetime.strptime(order["updated_at"], ISO) + dt.timedelta(hours=1)
        newer["updated_at"] = later.strftime(ISO)
        return newer
    else:
        raise ValueError(f"unknown order defect {kind!r}")
    return None


def spoil_event(kind: str, event: dict, index: int) -> None:
    if kind == "missing_event_id":
        event["event_id"] = None
    elif kind == "malformed_timestamp":
        event["event_timestamp"] = "31/12/2024 10:00" if index % 2 else "not-a-time"
    elif kind == "unknown_enum":
        event["event_type"] = "hover"
    elif kind == "number_for_string":
        event["page_url"] = 404
    elif kind == "partial_timestamp":
        event["event_timestamp"] = event["event_timestamp"][:10]
    else:
        raise ValueError(f"unknown event defect {kind!r}")
