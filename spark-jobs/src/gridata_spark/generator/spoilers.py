"""How each injected defect is applied to a generated record (in place). Variants alternate by index so
every defect shows up in more than one shape."""
from __future__ import annotations

import datetime as dt

from .records import ISO


def spoil_order(kind: str, order: dict, index: int) -> dict | None:
    """Applies `kind`; returns the extra (duplicate) record to emit for duplicate_order_id, else None."""
    variant = index % 2
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
    else:
        raise ValueError(f"unknown event defect {kind!r}")
