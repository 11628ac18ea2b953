"""Conditions over every field of a record, at any depth, derived from the Avro contract (pure Column builders)."""
from __future__ import annotations

from pyspark.sql import Column
from pyspark.sql import functions as F

from .avro_schema import _non_null_branch, load_avro


def _any(conditions: list[Column]) -> Column:
    result = F.lit(False)
    for condition in conditions:
        result = result | F.coalesce(condition, F.lit(False))
    return result


def _record_checks(record: Column | None, avro_record: dict, skip: str | None, check) -> list[Column]:
    """check(value, avro base type, required) -> [conditions] for every field of a record at any depth; records
    inside arrays are checked element by element. `record` None means the top-level columns."""
    conditions = []
    for field in avro_record["fields"]:
        if field["name"] == skip:
            continue
        value = F.col(field["name"]) if record is None else record[field["name"]]
        base, nullable = _non_null_branch(field["type"])
        conditions += check(value, base, not nullable and "default" not in field)
        if isinstance(base, dict) and base["type"] == "record":
            nested = _record_checks(value, base, None, check)
            if nested:
                conditions.append(value.isNotNull() & _any(nested))
        elif isinstance(base, dict) and base["type"] == "array" and isinstance(base["items"], dict) \
                and base["items"].get("type") == "record":
            items = base["items"]
            conditions.append(value.isNotNull() & F.exists(
                value, lambda element: element.isNull() | _any(_record_checks(element, items, None, check))))
    return conditions


def _non_finite(value: Column, base, required: bool) -> list[Column]:
    return [F.isnan(value) | (F.abs(value) == float("inf"))] if base in ("double", "float") else []


def non_finite_number(dataset: str) -> Column:
    """A double that is NaN or infinite (e.g. 1e400) anywhere in the record: not a value the contract allows."""
    return _any(_record_checks(None, load_avro(dataset), None, _non_finite))
