"""process_orders on two landing days that overlap: new, newer, same and older versions of stored orders,
duplicates within the day and rejects, with exact accounting and the exact table afterwards."""
import json

import pytest

from conftest import an_order, run_cli
from gridata_spark import cli, tables
from gridata_spark.jobs import process_orders

DAY_1, DAY_2 = "2024-06-29", "2024-06-30"


def land(root, ds, records):
    day = root / "raw" / "orders" / ds
    day.mkdir(parents=True)
    (day / "part-00000.jsonl").write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))
    (day / "_SUCCESS").write_text("")


def process(spark, root, ds, run_id):
    code, summary, err = run_cli(spark, "process_orders", "--ds", ds, "--run-id", run_id,
                                 "--raw-base", str(root / "raw"), "--rejected-base", str(root / "rejected"))
    assert code == cli.EXIT_OK, err
    return summary


def stored(spark):
    return {r["order_id"]: (r["order_status"], str(r["updated_ts"]), str(r["order_day"]), r["run_id"])
            for r in spark.table(tables.ORDERS).collect()}


@pytest.fixture
def two_days(clean_catalog, tmp_path):
    def order(order_id, status, updated, day="2024-06-28"):
        return an_order(order_id=order_id, order_status=status, order_date=f"{day}T08:00:00",
                        updated_at=f"{day}T{updated}:00:00")

    land(tmp_path, DAY_1, [
        order("A", "pending", "09"), order("B", "pending", "09"), order("C", "shipped", "12"),
        order("E", "pending", "09", day="2024-05-01"),
    ])
    land(tmp_path, DAY_2, [
        order("A", "pending", "09"),                                    # same version: unchanged
        order("B", "processing", "10"), order("B", "shipped", "11"),    # two newer versions: the latest updates
        order("C", "pending", "10"),                                    # older than stored: unchanged
        order("D", "pending", "09", day="2024-06-30"),                  # new
        order("E", "delivered", "10", day="2024-05-01"),                # newer, in an older day partition
        an_order(order_id="F", subtotal=-20.0),                         # total < 0: rejected
        "{broken",                                                      # rejected
    ])
    return clean_catalog, tmp_path


@pytest.mark.parametrize("broadcast_keys_limit", [process_orders.BROADCAST_KEYS_LIMIT, 0],
                         ids=["broadcast-keys", "shuffled-joins"])
def test_an_overlapping_day_inserts_new_updates_newer_and_keeps_the_rest(two_days, monkeypatch, broadcast_keys_limit):
    monkeypatch.setattr(process_orders, "BROADCAST_KEYS_LIMIT", broadcast_keys_limit)
    spark, root = two_days
    first = process(spark, root, DAY_1, "run-1")
    assert (first["input"], first["accepted"], first["merge"]) == (4, 4, {"inserted": 4, "updated": 0, "unchanged": 0})
    # One data file per day partition written (hash distribution: each day goes to one write task).
    assert spark.sql(f"SELECT count(*) AS n FROM {tables.ORDERS}.files").first()["n"] == 2

    second = process(spark, root, DAY_2, "run-2")
    assert {k: second[k] for k in ("input", "accepted", "rejected", "duplicates_dropped", "rejected_by_reason", "merge")} == {
        "input": 8, "accepted": 5, "rejected": 2, "duplicates_dropped": 1,
        "rejected_by_reason": {"MALFORMED_RECORD": 1, "NON_POSITIVE_TOTAL": 1},
        "merge": {"inserted": 1, "updated": 2, "unchanged": 2},
    }
    assert stored(spark) == {
        "A": ("pending", "2024-06-28 09:00:00", "2024-06-28", "run-1"),
        "B": ("shipped", "2024-06-28 11:00:00", "2024-06-28", "run-2"),
        "C": ("shipped", "2024-06-28 12:00:00", "2024-06-28", "run-1"),
        "D": ("pending", "2024-06-30 09:00:00", "2024-06-30", "run-2"),
        "E": ("delivered", "2024-05-01 10:00:00", "2024-05-01", "run-2"),
    }

    snapshots = spark.sql(f"SELECT count(*) AS n FROM {tables.ORDERS}.snapshots").first()["n"]
    rerun = process(spark, root, DAY_2, "run-3")
    assert rerun["merge"] == {"inserted": 0, "updated": 0, "unchanged": 5}
    assert spark.sql(f"SELECT count(*) AS n FROM {tables.ORDERS}.snapshots").first()["n"] == snapshots


def run_checks(spark, root, ds):
    """The ingestion suite's checks on the orders run (results by name)."""
    import datetime as dt

    from gridata_spark.quality.checks import CHECK_SUITES, RunParams, evaluate

    run = RunParams(dt.date.fromisoformat(ds), dt.date.fromisoformat(ds), str(root / "rejected"))
    return {c.name: evaluate(spark, c, None, run) for c in CHECK_SUITES["ingestion"] if c.check_type.startswith("run_")}


def test_quality_gate_measures_the_run_on_overlapping_and_replayed_days(two_days):
    spark, root = two_days
    missing = run_checks(spark, root, DAY_2)
    assert not any(r.passed for r in missing.values())
    assert missing["orders_row_count"].details.startswith("no completed orders run for 2024-06-30: ")

    process(spark, root, DAY_1, "run-1")
    process(spark, root, DAY_2, "run-2")
    got = run_checks(spark, root, DAY_2)
    # Rate over the run's 8 input lines, not over the 3 rows stamped with the day (that gave 2 / 5 = 0.4).
    assert (got["orders_reject_rate"].observed_value, got["orders_reject_rate"].details) == (
        0.25, "run run-2: 2 rejected of 8 input lines")
    assert (got["orders_row_count"].passed, got["orders_row_count"].observed_value, got["orders_row_count"].details) == (
        True, 5.0, "run run-2: 5 accepted of 8 input lines (1 inserted, 2 updated, 2 already stored)")
    assert (got["orders_freshness"].passed, got["orders_freshness"].observed_value) == (True, 16.0)  # D at 08:00
    assert (got["orders_rejects_reconcile"].passed, got["orders_rejects_reconcile"].observed_value) == (True, 0.0)

    # Replay of the day: every accepted order is already stored; the gate passes and says so, nothing is committed.
    snapshots = spark.sql(f"SELECT count(*) AS n FROM {tables.ORDERS}.snapshots").first()["n"]
    process(spark, root, DAY_2, "run-3")
    replay = run_checks(spark, root, DAY_2)
    assert all(r.passed for name, r in replay.items() if name != "orders_reject_rate")
    assert replay["orders_row_count"].details == ("run run-3: 5 accepted of 8 input lines (0 inserted, 0 updated, "
                                                  "5 already stored) - replay: every accepted row was already stored")
    assert replay["orders_freshness"].details == "run run-3: newest accepted order 2024-06-30T08:00:00 (already stored: replay)"
    assert spark.sql(f"SELECT count(*) AS n FROM {tables.ORDERS}.snapshots").first()["n"] == snapshots

    # A quarantine that lost records no longer reconciles with the run.
    for part in (root / "rejected" / "orders" / DAY_2).glob("part-*"):
        part.unlink()
    lost = run_checks(spark, root, DAY_2)["orders_rejects_reconcile"]
    assert (lost.passed, lost.observed_value, lost.details) == (False, -2.0, "0 quarantined lines vs 2 rejected by run run-3")
