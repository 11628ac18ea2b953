"""Strict parsing of JSON Lines by the Avro contract (pure DataFrame functions, native Spark only).

Spark's JSON reader is lenient where the contract is not: it turns a line holding an array into several
records, ignores anything after the first object, stores a number or an object given for a string field as
its text, and reads "NaN"/"Infinity" as doubles. Here each line of text is one input record and it is
MALFORMED_RECORD (raw line kept in _corrupt_record) unless:

- it parses with the Avro-derived schema (numbers, booleans, objects and arrays of the declared kind; no
  NaN/Infinity tokens or strings, and no number that overflows to infinity),
- it is exactly one JSON object and nothing else (no second object, no trailing text, no top-level array):
  the line is also read as the first value of a wrapper object closed by a key derived from the line's own
  hash, so anything after the record breaks the wrapper instead of being skipped,
- every field declared as a string (or enum) holds a JSON string or null, at any depth (checked on the raw
  token after the key: a key can only be matched where it follows '{' or ',', never inside a string,
  because a quote inside a string literal is always escaped).
"""
from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .avro_schema import keys_by_json_kind, raw_read_schema
from .contract_checks import non_finite_number

CORRUPT_RECORD_COLUMN = "_corrupt_record"
LINE_COLUMN = "value"

# First character of a value token that is not allowed for each JSON kind (null is allowed everywhere:
# absence rules decide about it).
_FORBIDDEN_START = {"string": r'[^"n\s]', "boolean": r"[^tfn\s]"}


def wrong_token_pattern(dataset: str) -> str | None:
    """Regex that finds a key of a string/boolean field followed by a token of another kind."""
    kinds = keys_by_json_kind(dataset)
    branches = [
        f'(?:{"|".join(kinds[kind])})"\\s*:\\s*{forbidden}'
        for kind, forbidden in _FORBIDDEN_START.items() if kinds.get(kind)
    ]
    return f'[{{,]\\s*"(?:{"|".join(branches)})' if branches else None


def _sentinel(line: Column) -> Column:
    """A key no line can contain as a top-level key after its own object: derived from the line's own hash."""
    return F.concat(F.lit("_end_"), F.xxhash64(line).cast("string"))


def parse_lines(lines: DataFrame, dataset: str) -> DataFrame:
    """lines: one row per line of text (`value`) plus any provenance columns (kept as they are).

    Returns the contract's fields (all nullable, values as parsed) and _corrupt_record: the raw line when it is
    malformed, else null. One output row per input line, always."""
    schema = raw_read_schema(dataset)
    line = F.col(LINE_COLUMN)
    with_corrupt = T.StructType(schema.fields + [T.StructField(CORRUPT_RECORD_COLUMN, T.StringType(), True)])
    parsed = F.from_json(
        line, with_corrupt,
        {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": CORRUPT_RECORD_COLUMN, "allowNonNumericNumbers": "false"},
    )
    # Jackson only reads the first value of its input. To see what follows the record, the line also becomes the
    # value of "v" in a wrapper object closed by a key derived from the line's own hash, read as a map of empty
    # structs (values are skipped, not copied): a second object, trailing text or a top-level array breaks the
    # wrapper (parse failure, no sentinel, a third key or a non-object "v") instead of being ignored.
    wrapped = F.concat(F.lit('{"v":'), line, F.lit(',"'), _sentinel(line), F.lit('":{}}'))
    shape = F.from_json(wrapped, T.MapType(T.StringType(), T.StructType([]), True))
    malformed = (
        F.col("_parsed").isNull()
        | F.col(f"_parsed.{CORRUPT_RECORD_COLUMN}").isNotNull()
        | ~F.coalesce((F.size(shape) == 2) & shape.getItem("v").isNotNull()
                      & shape.getItem(_sentinel(line)).isNotNull(), F.lit(False))
    )
    pattern = wrong_token_pattern(dataset)
    if pattern:
        malformed = malformed | F.coalesce(line.rlike(pattern), F.lit(False))
    provenance = [c for c in lines.columns if c != LINE_COLUMN]
    fields = lines.withColumn("_parsed", parsed).select(
        *[F.col(f"_parsed.{f.name}").alias(f.name) for f in schema.fields],
        malformed.alias("_malformed"), line.alias("_line"), *provenance,
    )
    malformed = F.col("_malformed") | F.coalesce(non_finite_number(dataset), F.lit(False))
    return fields.select(
        *[f.name for f in schema.fields], F.when(malformed, F.col("_line")).alias(CORRUPT_RECORD_COLUMN), *provenance
    )
