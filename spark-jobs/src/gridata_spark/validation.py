"""Schema-driven record validation: reason codes derived from the Avro contract, plus dataset rules.

Everything here is a pure DataFrame -> DataFrame function (no I/O, no UDFs)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from . import reasons
from .avro_schema import _non_null_branch, field_rules, load_avro
from .strict_json import CORRUPT_RECORD_COLUMN

__all__ = ["CORRUPT_RECORD_COLUMN", "Rule", "apply_avro_defaults", "schema_rules", "with_reject_reasons"]


@dataclass(frozen=True)
class Rule:
    """A reason code and the condition (over the row) under which it applies."""

    code: str
    applies: Callable[[], Column]


def apply_avro_defaults(df: DataFrame, dataset: str) -> DataFrame:
    """Absent values of fields that declare a default get that default (Avro reader semantics)."""
    for rule in field_rules(dataset):
        if rule.default is not None and rule.name in df.columns:
            df = df.withColumn(rule.name, F.coalesce(F.col(rule.name), F.lit(rule.default)))
    return df


def _blank(column: Column) -> Column:
    return column.isNull() | (F.trim(column) == "")


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


def _missing_or_blank(value: Column, base, required: bool) -> list[Column]:
    if not required:
        return []
    return [_blank(value)] if base == "string" else [value.isNull()]


def _non_finite(value: Column, base, required: bool) -> list[Column]:
    return [F.isnan(value) | (F.abs(value) == float("inf"))] if base in ("double", "float") else []


def missing_required_field(dataset: str, id_field: str) -> Column:
    """A required field (non-nullable, no default) absent, null or - for strings - blank, at any depth."""
    return _any(_record_checks(None, load_avro(dataset), id_field, _missing_or_blank))


def non_finite_number(dataset: str) -> Column:
    """A double that is NaN or infinite (e.g. 1e400) anywhere in the record: not a value the contract allows."""
    return _any(_record_checks(None, load_avro(dataset), None, _non_finite))


def schema_rules(dataset: str, id_field: str, timestamp_fields: Sequence[str], date_fields: Sequence[str] = ()) -> list[Rule]:
    """Rules every dataset shares, in precedence order."""
    from .timestamps import parse_date, parse_timestamp

    field_list = field_rules(dataset)
    enums = [(r.name, r.enum_symbols) for r in field_list if r.enum_symbols]
    any_of = _any

    return [
        Rule(reasons.MALFORMED_RECORD,
             lambda: F.col(CORRUPT_RECORD_COLUMN).isNotNull() | F.coalesce(non_finite_number(dataset), F.lit(False))),
        Rule(reasons.missing_id(id_field), lambda: _blank(F.col(id_field))),
        Rule(reasons.MISSING_REQUIRED_FIELD, lambda: missing_required_field(dataset, id_field)),
        Rule(
            reasons.INVALID_TIMESTAMP,
            lambda: any_of(
                [F.col(n).isNotNull() & parse_timestamp(F.col(n)).isNull() for n in timestamp_fields]
                + [F.col(n).isNotNull() & parse_date(F.col(n)).isNull() for n in date_fields]
            ),
        ),
        Rule(
            reasons.UNKNOWN_ENUM_VALUE,
            lambda: any_of([F.col(n).isNotNull() & ~F.col(n).isin(list(symbols)) for n, symbols in enums]),
        ),
    ]


def with_reject_reasons(df: DataFrame, rules: Sequence[Rule]) -> DataFrame:
    """Adds reject_reasons (array of every applicable code, in rule order) and reject_reason (the first, or null)."""
    flagged = F.array(*[F.when(rule.applies(), F.lit(rule.code)) for rule in rules])
    return df.withColumn("reject_reasons", F.filter(flagged, lambda code: code.isNotNull())).withColumn(
        "reject_reason", F.when(F.size("reject_reasons") > 0, F.col("reject_reasons")[0])
    )
