"""Record builders for the four datasets. Each takes its own Random so volumes of one dataset never
change the records of another."""
from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import uuid

from . import vocabulary as V

ISO = "%Y-%m-%dT%H:%M:%S.%f"


def customer_id(index: int) -> str:
    return f"CUST{index + 1:06d}"


def product_id(index: int) -> str:
    return f"PROD{index + 1:05d}"


def order_id(index: int) -> str:
    return f"ORD{index + 1:07d}"


def event_id(index: int) -> str:
    return f"EVT{index + 1:08d}"


def day_end(ds: dt.date) -> dt.datetime:
    return dt.datetime.combine(ds + dt.timedelta(days=1), dt.time())


def build_customer(rng: random.Random, index: int, ds: dt.date) -> dict:
    first, last = rng.choice(V.FIRST_NAMES), rng.choice(V.LAST_NAMES)
    birth = ds - dt.timedelta(days=rng.randint(18 * 365, 80 * 365))
    registered = day_end(ds) - dt.timedelta(days=rng.randint(1, 1095), seconds=rng.randint(0, 86399))
    return {
        "customer_id": customer_id(index),
        "email": f"{first}.{last}.{index + 1}@example.com".lower(),
        "first_name": first,
        "last_name": last,
        "phone": f"+1-555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        "date_of_birth": birth.isoformat(),
        "gender": rng.choice(V.GENDERS),
        "registration_date": registered.strftime(ISO),
        "customer_tier": rng.choices(*V.TIERS)[0],
        "marketing_opt_in": rng.random() < 0.5,
        "preferred_language": rng.choice(V.LANGUAGES),
        "preferred_currency": "USD",
    }


def build_product(rng: random.Random, index: int) -> dict:
    price = round(rng.uniform(9.99, 999.99), 2)
    return {
        "product_id": product_id(index),
        "product_name": f"{rng.choice(V.PRODUCT_WORDS)} {rng.choice(V.PRODUCT_NOUNS)} {index + 1}",
        "category": rng.choice(V.CATEGORIES),
        "brand": rng.choice(V.BRANDS),
        "price": price,
        "cost": round(price * rng.uniform(0.4, 0.7), 2),
        "stock_quantity": rng.randint(0, 1000),
        "weight_kg": round(rng.uniform(0.1, 25.0), 2),
        "rating": round(rng.uniform(3.0, 5.0), 1),
    }


class CustomerPicker:
    """Skewed choice of customers (a few buy often, many rarely, some never), like real shops."""

    def __init__(self, customer_count: int):
        weights = [1.0 / (rank + 1) ** 0.8 for rank in range(customer_count)]
        self._cumulative = list(itertools.accumulate(weights))
        self._total = self._cumulative[-1]
        self._count = customer_count

    def pick(self, rng: random.Random) -> int:
        return min(bisect.bisect_right(self._cumulative, rng.random() * self._total), self._count - 1)


STATUS_DELAY_HOURS = {"pending": 0, "processing": 2, "shipped": 30, "delivered": 96, "cancelled": 5, "returned": 240}


def build_order(rng: random.Random, index: int, ds: dt.date, customer_index: int, products: list[dict],
                history_days: int) -> dict:
    end = day_end(ds)
    # Order 0 is always from the landing day itself; the rest spread over the history window.
    age = rng.uniform(0, 86400) if index == 0 else rng.uniform(0, history_days * 86400)
    placed = end - dt.timedelta(seconds=age, microseconds=1)
    status = rng.choices(*V.ORDER_STATUSES)[0]
    updated = min(placed + dt.timedelta(hours=STATUS_DELAY_HOURS[status]), end - dt.timedelta(microseconds=1))
    chosen = rng.sample(products, min(rng.choices(*V.ITEM_COUNTS)[0], len(products)))
    items, subtotal = [], 0.0
    for product in chosen:
        quantity, discount_pct = rng.randint(1, 3), rng.choice(V.ITEM_DISCOUNTS)
        items.append({
            "product_id": product["product_id"], "product_name": product["product_name"],
            "category": product["category"], "quantity": quantity, "unit_price": product["price"],
            "discount_pct": discount_pct,
        })
        subtotal += product["price"] * quantity * (1 - discount_pct)
    subtotal = round(subtotal, 2)
    city, state = rng.choice(V.CITIES)
    return {
        "order_id": order_id(index),
        "customer_id": customer_id(customer_index),
        "order_date": placed.strftime(ISO),
        "updated_at": updated.strftime(ISO),
        "order_status": status,
        "items": items,
        "subtotal": subtotal,
        "tax": round(subtotal * 0.08, 2),
        "shipping_cost": 0.0 if subtotal > 50 else 9.99,
        "discount": round(subtotal * rng.choice(V.ORDER_DISCOUNTS), 2),
        "shipping_address": {
            "street": f"{rng.randint(1, 9999)} {rng.choice(V.STREETS)}", "city": city, "state": state,
            "postal_code": f"{rng.randint(10000, 99999)}", "country": "USA",
        },
        "payment_method": rng.choice(V.PAYMENT_METHODS),
        "source": rng.choices(*V.SOURCES)[0],
    }


# Next-event transitions of a browsing session (a simple funnel); weights per current event type.
SESSION_TRANSITIONS = {
    "page_view": (["page_view", "product_view"], [35, 65]),
    "product_view": (["product_view", "add_to_cart", "page_view"], [45, 30, 25]),
    "add_to_cart": (["checkout", "product_view", "remove_from_cart"], [45, 40, 15]),
    "remove_from_cart": (["product_view", "page_view"], [60, 40]),
    "checkout": (["purchase", "page_view"], [65, 35]),
    "purchase": (["page_view", "product_view"], [70, 30]),
}
SESSION_LENGTHS = ([2, 3, 4, 5, 6, 8, 10, 14], [10, 15, 20, 18, 14, 11, 8, 4])


def build_session(rng: random.Random, first_event_index: int, max_events: int, ds: dt.date,
                  customer_index: int | None, products: list[dict], window_days: int) -> list[dict]:
    """One visit: a funnel walk of several events a few seconds to minutes apart, same device and browser."""
    length = min(rng.choices(*SESSION_LENGTHS)[0], max_events)
    start = day_end(ds) - dt.timedelta(seconds=rng.uniform(3600, window_days * 86400))
    session_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    device, browser, referrer = rng.choice(V.DEVICES), rng.choice(V.BROWSERS), rng.choice(V.REFERRERS)
    customer = customer_id(customer_index) if customer_index is not None else None
    events, event_type, moment, product = [], "page_view", start, None
    for offset in range(length):
        if event_type in ("product_view",) or product is None:
            product = rng.choice(products)
        with_product = event_type in ("product_view", "add_to_cart", "remove_from_cart")
        path = {
            "page_view": rng.choice(["/", "/deals", f"/category/{product['category'].lower().replace(' & ', '-')}"]),
            "product_view": f"/product/{product['product_id']}",
            "add_to_cart": "/cart", "remove_from_cart": "/cart", "checkout": "/checkout",
            "purchase": "/checkout/confirmation",
        }[event_type]
        events.append({
            "event_id": event_id(first_event_index + offset),
            "session_id": session_id,
            "customer_id": customer,
            "event_type": event_type,
            "event_timestamp": moment.strftime(ISO),
            "product_id": product["product_id"] if with_product else None,
            "page_url": V.SITE + path,
            "referrer": referrer,
            "device": device,
            "browser": browser,
        })
        moment += dt.timedelta(seconds=rng.randint(5, 240))
        event_type = rng.choices(*SESSION_TRANSITIONS[event_type])[0]
    return events
