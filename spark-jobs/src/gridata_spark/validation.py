"""Schema-driven record validation: reason codes derived from the Avro contract, plus dataset rules.

Everything here is a pure DataFrame -> DataFrame function (no I/O, no UDFs)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from . import reasons
from .avro_schema import field_rules

CORRUPT_RECORD_COLUMN = "_corrupt_record"


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


def schema_rules(dataset: str, id_field: str, timestamp_fields: Sequence[str], date_fields: Sequence[str] = ()) -> list[Rule]:
    """Rules every dataset shares, in precedence order."""
    from .timestamps import parse_date, parse_timestamp

    field_list = field_rules(dataset)
    required = [r.name for r in field_list if r.required and r.name != id_field]
    enums = [(r.name, r.enum_symbols) for r in field_list if r.enum_symbols]

    def any_of(conditions: list[Column]) -> Column:
        result = F.lit(False)
        for condition in conditions:
            result = result | F.coalesce(condition, F.lit(False))
        return result

    return [
        Rule(reasons.MALFORMED_RECORD, lambda: F.col(CORRUPT_RECORD_COLUMN).isNotNull()),
        Rule(reasons.missing_id(id_field), lambda: _blank(F.col(id_field))),
        Rule(reasons.MISSING_REQUIRED_FIELD, lambda: any_of([F.col(name).isNull() for name in required])),
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
