"""Avro schemas (spark-jobs/schemas/*.avsc) as the single source of the raw record contract.

Spark read schemas, required fields, enum symbols and defaults are all derived from the .avsc
files so the jobs never infer a schema and never drift from the published contract.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyspark.sql import types as T

DATASET_SCHEMA_FILES = {
    "orders": "order.avsc",
    "customers": "customer.avsc",
    "products": "product.avsc",
    "clickstream": "clickstream_event.avsc",
}

_PRIMITIVES = {
    "string": T.StringType(),
    "int": T.IntegerType(),
    "long": T.LongType(),
    "double": T.DoubleType(),
    "float": T.FloatType(),
    "boolean": T.BooleanType(),
}


def schemas_dir() -> Path:
    """The schemas folder: spark-jobs/schemas in the repo, /opt/gridata/schemas in the image."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir.parent / "schemas", package_dir.parent.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no schemas/ folder next to {package_dir}")


@lru_cache(maxsize=None)
def load_avro(dataset: str) -> dict:
    if dataset not in DATASET_SCHEMA_FILES:
        raise KeyError(f"unknown dataset {dataset!r}; known: {sorted(DATASET_SCHEMA_FILES)}")
    return json.loads((schemas_dir() / DATASET_SCHEMA_FILES[dataset]).read_text())


def _non_null_branch(avro_type):
    """(type without null, is_nullable) for a field type that may be a ["null", X] union."""
    if isinstance(avro_type, list):
        branches = [b for b in avro_type if b != "null"]
        if len(branches) != 1:
            raise ValueError(f"only [null, X] unions are supported, got {avro_type}")
        return branches[0], "null" in avro_type
    return avro_type, False


def avro_type_to_spark(avro_type) -> T.DataType:
    avro_type, _ = _non_null_branch(avro_type)
    if isinstance(avro_type, str):
        if avro_type not in _PRIMITIVES:
            raise ValueError(f"unsupported Avro type {avro_type!r}")
        return _PRIMITIVES[avro_type]
    kind = avro_type["type"]
    if kind == "enum":
        return T.StringType()  # symbols are checked by validation, so unknown values get a reason code
    if kind == "array":
        return T.ArrayType(avro_type_to_spark(avro_type["items"]), True)
    if kind == "record":
        return T.StructType(
            [T.StructField(f["name"], avro_type_to_spark(f["type"]), True) for f in avro_type["fields"]]
        )
    if kind in _PRIMITIVES:
        return _PRIMITIVES[kind]
    raise ValueError(f"unsupported Avro type {avro_type!r}")


def raw_read_schema(dataset: str) -> T.StructType:
    """Every field nullable: missing values must reach validation (and get a reason), not be refused by the reader."""
    return avro_type_to_spark(load_avro(dataset))


@dataclass(frozen=True)
class FieldRule:
    name: str
    required: bool  # non-nullable and without default: absence is a reject
    default: object  # applied when the value is absent (Avro default semantics)
    enum_symbols: tuple[str, ...] | None


def field_rules(dataset: str) -> list[FieldRule]:
    rules = []
    for field in load_avro(dataset)["fields"]:
        base, nullable = _non_null_branch(field["type"])
        symbols = tuple(base["symbols"]) if isinstance(base, dict) and base["type"] == "enum" else None
        has_default = "default" in field
        rules.append(
            FieldRule(
                name=field["name"],
                required=not nullable and not has_default,
                default=field.get("default") if has_default else None,
                enum_symbols=symbols,
            )
        )
    return rules


def enum_symbols(dataset: str, field_name: str) -> tuple[str, ...]:
    for rule in field_rules(dataset):
        if rule.name == field_name and rule.enum_symbols is not None:
            return rule.enum_symbols
    raise KeyError(f"{dataset}.{field_name} is not an enum field")


def _walk_fields(avro_type, depth: int = 1):
    """(field name, non-null base type, depth) of every record field at any depth, records inside arrays included."""
    base, _ = _non_null_branch(avro_type)
    if isinstance(base, dict) and base["type"] == "array":
        yield from _walk_fields(base["items"], depth)
    elif isinstance(base, dict) and base["type"] == "record":
        for field in base["fields"]:
            field_base, _ = _non_null_branch(field["type"])
            yield field["name"], field_base, depth
            yield from _walk_fields(field_base, depth + 1)


def json_kind(base) -> str:
    """The JSON token kind an Avro type must arrive as: string, number, boolean, object or array."""
    if isinstance(base, str):
        return {"string": "string", "boolean": "boolean"}.get(base, "number")
    return {"enum": "string", "record": "object", "array": "array"}.get(base["type"], "number")


@lru_cache(maxsize=None)
def keys_by_json_kind(dataset: str) -> dict[str, tuple[str, ...]]:
    """Field names (any depth) grouped by the JSON kind their value must have. The raw-token check of strict
    parsing matches keys by name at any depth, so a name must mean one kind everywhere in a schema."""
    kinds: dict[str, str] = {}
    for name, base, _ in _walk_fields(load_avro(dataset)):
        kind = json_kind(base)
        if kinds.setdefault(name, kind) != kind:
            raise ValueError(f"{dataset}: field name {name!r} is used with two JSON kinds ({kinds[name]}, {kind})")
    grouped: dict[str, list[str]] = {}
    for name, kind in sorted(kinds.items()):
        grouped.setdefault(kind, []).append(name)
    return {kind: tuple(names) for kind, names in grouped.items()}

