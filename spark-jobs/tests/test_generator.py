import hashlib
import json
from pathlib import Path

import pytest

from gridata_spark.generator.generate import GeneratorConfig, generate


def tree_digest(root: Path) -> dict:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def small(**overrides):
    return GeneratorConfig(**{"ds": "2024-06-30", "customers": 50, "products": 20, "orders": 300, "events": 900,
                              "bad_record_rate": 0.1, **overrides})


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    generate(small(), str(tmp_path / "a"))
    generate(small(), str(tmp_path / "b"))
    generate(small(seed=7), str(tmp_path / "c"))
    assert tree_digest(tmp_path / "a") == tree_digest(tmp_path / "b")
    assert tree_digest(tmp_path / "a") != tree_digest(tmp_path / "c")


def test_default_volumes_and_landing_layout(tmp_path):
    manifest = generate(GeneratorConfig(ds="2024-06-30"), str(tmp_path))
    assert manifest["lines"] == {"customers": 1000, "products": 200, "orders": 5000, "clickstream": 20000}
    for dataset in ("customers", "products", "orders", "clickstream"):
        day = tmp_path / "raw" / "ecommerce" / dataset / "2024-06-30"
        assert (day / "_SUCCESS").is_file() and (day / "part-00000.jsonl").is_file()
    assert manifest["injected"] == {"orders": {}, "clickstream": {}}
    assert 3.0 <= 20000 / manifest["sessions"] <= 8.0  # several events per session


def test_sessions_have_several_events_of_one_visitor(tmp_path):
    generate(small(bad_record_rate=0.0), str(tmp_path))
    events = [json.loads(l) for l in (tmp_path / "raw/ecommerce/clickstream/2024-06-30/part-00000.jsonl").open()]
    by_session = {}
    for e in events:
        by_session.setdefault(e["session_id"], []).append(e)
    assert max(len(v) for v in by_session.values()) >= 4
    for session in by_session.values():
        assert len({e["customer_id"] for e in session}) == 1 and len({e["device"] for e in session}) == 1
        assert session[0]["event_type"] == "page_view"
        assert [e["event_timestamp"] for e in session] == sorted(e["event_timestamp"] for e in session)


def test_injection_manifest_counts_every_defect(tmp_path):
    manifest = generate(small(), str(tmp_path))
    injected = manifest["injected"]["orders"]
    assert sum(injected.values()) == 30 and set(injected) == {
        "non_positive_total", "missing_order_id", "malformed_timestamp", "unknown_enum", "wrong_type",
        "json_array_line", "number_for_string", "trailing_garbage", "non_finite_number", "partial_timestamp",
        "missing_nested_field", "duplicate_order_id", "missing_customer_id", "orphan_customer_id"}
    expected = manifest["expected"]["orders"]
    assert expected["input"] == 300 + injected["duplicate_order_id"]
    assert expected["input"] == expected["accepted"] + expected["rejected"] + expected["duplicates_dropped"]
    assert expected["rejected"] == sum(injected[k] for k in (
        "non_positive_total", "missing_order_id", "malformed_timestamp", "unknown_enum", "wrong_type",
        "json_array_line", "number_for_string", "trailing_garbage", "non_finite_number", "partial_timestamp",
        "missing_nested_field"))
    assert expected["rejected_by_reason"]["MISSING_REQUIRED_FIELD"] == injected["missing_nested_field"]
    assert len(expected["duplicate_winner_status"]) == injected["duplicate_order_id"]


@pytest.mark.parametrize("overrides, message", [({"bad_record_rate": 1.5}, r"within \[0, 1\]"),
                                                 ({"orders": 0}, "orders must be at least 1"),
                                                 ({"ds": "2024-6-1"}, "Invalid isoformat")])
def test_bad_parameters_are_refused(tmp_path, overrides, message):
    with pytest.raises(ValueError, match=message):
        generate(small(**overrides), str(tmp_path))
    assert not any(tmp_path.iterdir())
