"""Schema-driven record validation: reason codes derived from the Avro contract, plus dataset rules.

Everything here is a pure DataFrame -> DataFrame function (no I/O, no UDFs)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from . import reasons
from .avro_schema import field_rules, load_avro
from .contract_checks import _any, _record_checks
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


def _missing_or_blank(value: Column, base, required: bool) -> list[Column]:
    if not required:
        return []
    return [_blank(value)] if base == "string" else [value.isNull()]


def missing_required_field(dataset: str, id_field: str) -> Column:
    """A required field (non-nullable, no default) absent, null or - for strings - blank, at any depth."""
    return _any(_record_checks(None, load_avro(dataset), id_field, _missing_or_blank))


def schema_rules(dataset: str, id_field: str, timestamp_fields: Sequence[str], date_fields: Sequence[str] = ()) -> list[Rule]:
    """Rules every dataset shares, in precedence order."""
    from .timestamps import parse_date, parse_timestamp

    field_list = field_rules(dataset)
    enums = [(r.name, r.enum_symbols) for r in field_list if r.enum_symbols]
    any_of = _any

    return [
        Rule(reasons.MALFORMED_RECORD,
             lambda: F.col(CORRUPT_RECORD_COLUMN).isNotNull()),
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
