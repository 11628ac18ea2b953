"""Bad-record injection plan: which generated records are spoiled, how, and what the pipeline must make of them."""
from __future__ import annotations

import random
from dataclasses import dataclass

# kind -> what process_orders must do with it: a reject reason, "duplicate", or "accepted" (a violation that
# passes validation on purpose and must be caught by the quality checks instead).
ORDER_INJECTIONS = {
    "non_positive_total": "NON_POSITIVE_TOTAL",
    "missing_order_id": "MISSING_ORDER_ID",
    "malformed_timestamp": "INVALID_TIMESTAMP",
    "unknown_enum": "UNKNOWN_ENUM_VALUE",
    "wrong_type": "MALFORMED_RECORD",
    # contract strictness: one object per line, no type coercion, full date-times, nested fields, finite numbers
    "json_array_line": "MALFORMED_RECORD",
    "number_for_string": "MALFORMED_RECORD",
    "trailing_garbage": "MALFORMED_RECORD",
    "non_finite_number": "MALFORMED_RECORD",
    "partial_timestamp": "INVALID_TIMESTAMP",
    "missing_nested_field": "MISSING_REQUIRED_FIELD",
    "duplicate_order_id": "duplicate",
    "missing_customer_id": "accepted",
    "orphan_customer_id": "accepted",
}
EVENT_INJECTIONS = {
    "missing_event_id": "MISSING_EVENT_ID",
    "malformed_timestamp": "INVALID_TIMESTAMP",
    "unknown_enum": "UNKNOWN_ENUM_VALUE",
    "number_for_string": "MALFORMED_RECORD",
    "partial_timestamp": "INVALID_TIMESTAMP",
}


@dataclass(frozen=True)
class InjectionPlan:
    kind_by_index: dict[int, str]

    def kind(self, index: int) -> str | None:
        return self.kind_by_index.get(index)


def plan(rng: random.Random, record_count: int, rate: float, kinds: list[str]) -> InjectionPlan:
    """round(rate * count) distinct victims, assigned to kinds in turn so every kind appears once the budget allows.

    Record 0 is never spoiled: it is the guaranteed same-day record the freshness check relies on."""
    if not 0.0 <= rate <= 1.0:
        raise ValueError(f"bad-record rate must be within [0, 1], got {rate}")
    budget = min(round(rate * record_count), max(record_count - 1, 0))
    victims = sorted(rng.sample(range(1, record_count), budget)) if budget else []
    rng.shuffle(victims)
    return InjectionPlan({index: kinds[i % len(kinds)] for i, index in enumerate(victims)})
