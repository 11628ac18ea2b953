"""Generates one landing day for all four datasets plus a manifest of the injected defects and the
counts the pipeline must arrive at. Same seed and parameters -> byte-identical files."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from dataclasses import asdict, dataclass

from . import injection, records
from .sink import LandingSink
from .spoilers import RawLine, spoil_event, spoil_order

LANDING_PREFIX = "raw/ecommerce"
LINES_PER_PART = 200_000


@dataclass(frozen=True)
class GeneratorConfig:
    ds: str
    seed: int = 42
    customers: int = 1000
    products: int = 200
    orders: int = 5000
    events: int = 20000
    bad_record_rate: float = 0.0
    order_history_days: int = 180
    clickstream_window_days: int = 30
    lines_per_part: int = LINES_PER_PART

    def validate(self) -> None:
        dt.date.fromisoformat(self.ds)
        for name in ("customers", "products", "orders", "events", "lines_per_part"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if not 0.0 <= self.bad_record_rate <= 1.0:
            raise ValueError(f"bad_record_rate must be within [0, 1], got {self.bad_record_rate}")


class _PartWriter:
    def __init__(self, sink: LandingSink, dataset: str, config: GeneratorConfig):
        self.dir = f"{LANDING_PREFIX}/{dataset}/{config.ds}"
        sink.reset_dir(self.dir)
        self.sink, self.lines, self.part, self.handle = sink, 0, 0, None
        self.lines_per_part = config.lines_per_part

    def write(self, record: dict) -> None:
        self.write_line(json.dumps(record, separators=(",", ":")))

    def write_line(self, text: str) -> None:
        if self.handle is None or self.lines % self.lines_per_part == 0 and self.lines:
            self._roll()
        self.handle.write(text + "\n")
        self.lines += 1

    def _roll(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.part += 1
        self.handle = open(self.sink.local_path(f"{self.dir}/part-{self.part:05d}.jsonl"), "w", encoding="utf-8")

    def close(self) -> int:
        if self.handle is not None:
            self.handle.close()
        self.sink.local_path(f"{self.dir}/_SUCCESS").write_text("")
        return self.lines


def _rng(seed: int, stream: str) -> random.Random:
    return random.Random(f"gridata:{seed}:{stream}")


def generate(config: GeneratorConfig, output_root: str) -> dict:
    config.validate()
    ds = dt.date.fromisoformat(config.ds)
    sink = LandingSink(output_root)

    rng = _rng(config.seed, "customers")
    writer = _PartWriter(sink, "customers", config)
    for i in range(config.customers):
        writer.write(records.build_customer(rng, i, ds))
    customer_lines = writer.close()

    rng = _rng(config.seed, "products")
    products = [records.build_product(rng, i) for i in range(config.products)]
    writer = _PartWriter(sink, "products", config)
    for product in products:
        writer.write(product)
    product_lines = writer.close()

    picker = records.CustomerPicker(config.customers)
    rng = _rng(config.seed, "orders")
    order_plan = injection.plan(_rng(config.seed, "orders-injection"), config.orders, config.bad_record_rate,
                                list(injection.ORDER_INJECTIONS))
    writer = _PartWriter(sink, "orders", config)
    injected_orders, duplicate_winners = Counter(), {}
    for i in range(config.orders):
        order = records.build_order(rng, i, ds, picker.pick(rng), products, config.order_history_days)
        kind = order_plan.kind(i)
        extra = None
        if kind:
            injected_orders[kind] += 1
            extra = spoil_order(kind, order, i)
        if isinstance(extra, RawLine):
            writer.write_line(extra.text)
            extra = None
        else:
            writer.write(order)
        if extra is not None:
            duplicate_winners[extra["order_id"]] = extra["order_status"]
            writer.write(extra)
    order_lines = writer.close()

    rng = _rng(config.seed, "clickstream")
    event_plan = injection.plan(_rng(config.seed, "clickstream-injection"), config.events, config.bad_record_rate,
                                list(injection.EVENT_INJECTIONS))
    writer = _PartWriter(sink, "clickstream", config)
    injected_events, sessions, index = Counter(), 0, 0
    while index < config.events:
        customer = picker.pick(rng) if rng.random() < 0.7 else None
        session = records.build_session(rng, index, config.events - index, ds, customer, products,
                                        config.clickstream_window_days)
        sessions += 1
        for event in session:
            kind = event_plan.kind(index)
            if kind:
                injected_events[kind] += 1
                spoil_event(kind, event, index)
            writer.write(event)
            index += 1
    event_lines = writer.close()

    manifest = _manifest(config, injected_orders, duplicate_winners, injected_events,
                         {"customers": customer_lines, "products": product_lines, "orders": order_lines,
                          "clickstream": event_lines}, sessions)
    sink.local_path(f"{LANDING_PREFIX}/_manifests/{config.ds}/manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    )
    sink.publish()
    return manifest


def _expected(injected: Counter, outcomes: dict, total_lines: int) -> dict:
    rejected = Counter()  # several kinds share a reason (e.g. MALFORMED_RECORD): add them up
    for kind, n in injected.items():
        if outcomes[kind] not in ("accepted", "duplicate"):
            rejected[outcomes[kind]] += n
    duplicates = sum(n for k, n in injected.items() if outcomes[k] == "duplicate")
    rejected_total = sum(rejected.values())
    return {
        "input": total_lines,
        "rejected": rejected_total,
        "rejected_by_reason": dict(sorted(rejected.items())),
        "duplicates_dropped": duplicates,
        "accepted": total_lines - rejected_total - duplicates,
    }


def _manifest(config, injected_orders, duplicate_winners, injected_events, lines, sessions) -> dict:
    orders = _expected(injected_orders, injection.ORDER_INJECTIONS, lines["orders"])
    orders["null_customer_ids"] = injected_orders.get("missing_customer_id", 0)
    orders["orphan_customer_ids"] = injected_orders.get("orphan_customer_id", 0)
    orders["duplicate_winner_status"] = dict(sorted(duplicate_winners.items()))
    return {
        "config": asdict(config),
        "lines": lines,
        "sessions": sessions,
        "injected": {"orders": dict(sorted(injected_orders.items())), "clickstream": dict(sorted(injected_events.items()))},
        "expected": {
            "orders": orders,
            "clickstream": _expected(injected_events, injection.EVENT_INJECTIONS, lines["clickstream"]),
            "customers": _expected(Counter(), {}, lines["customers"]),
            "products": _expected(Counter(), {}, lines["products"]),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gridata_spark.generator.generate",
                                     description="Generate one landing day of e-commerce sample data.")
    parser.add_argument("--ds", required=True, help="landing day, YYYY-MM-DD")
    parser.add_argument("--output", required=True, help="local folder or s3://bucket[/prefix] (raw/ecommerce/... is added)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--bad-record-rate", type=float, default=0.0)
    args = parser.parse_args(argv)
    config = GeneratorConfig(ds=args.ds, seed=args.seed, customers=args.customers, products=args.products,
                             orders=args.orders, events=args.events, bad_record_rate=args.bad_record_rate)
    try:
        manifest = generate(config, args.output)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps({"lines": manifest["lines"], "injected": manifest["injected"]}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
