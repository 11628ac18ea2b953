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

Cost: a well-formed line is read by Jackson once (parse_lines: the record inside a sentinel-delimited wrapper
decides the first two points and gives the values); only lines that read does not accept are read again the
separate ways, so the verdict and the values of malformed lines (Spark's partial results) stay as defined above.
"""
from __future__ import annotations

import re

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


def _alternation(words: list[str]) -> str:
    """A regex matching exactly the given words, factored by common prefix (c(?:ity|ountry) for city|country) so
    that at each position the matcher tries one branch per distinct next character rather than every word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        groups.setdefault(word[:1], []).append(word[1:])
    branches = [re.escape(head) + _alternation(tails) if head else "" for head, tails in groups.items()]
    if branches == [""]:
        return ""
    return branches[0] if len(branches) == 1 else f'(?:{"|".join(branches)})'


def wrong_token_pattern(dataset: str) -> str | None:
    """Regex that finds a key of a string/boolean field followed by a token of another kind. (Possessive
    whitespace runs: each is followed by a character that is not whitespace, so they match the same lines.)"""
    kinds = keys_by_json_kind(dataset)
    branches = [
        f'{_alternation(list(kinds[kind]))}"\\s*+:\\s*+{forbidden}'
        for kind, forbidden in _FORBIDDEN_START.items() if kinds.get(kind)
    ]
    return f'[{{,]\\s*+"(?:{"|".join(branches)})' if branches else None


def _sentinel(line: Column) -> Column:
    """A key (or value) no line can contain after its own object: derived from the line's own hash."""
    return F.concat(F.lit("_end_"), F.xxhash64(line).cast("string"))


def _sentinel_field(schema: T.StructType) -> str | None:
    return next((f.name for f in schema.fields if isinstance(f.dataType, T.StringType)), None)


def parse_lines(lines: DataFrame, dataset: str) -> DataFrame:
    """lines: one row per line of text (`value`) plus any provenance columns (kept as they are).

    Returns the contract's fields (all nullable, values as parsed) and _corrupt_record: the raw line when it is
    malformed, else null. One output row per input line, always.

    A single Jackson read decides and parses well-formed lines: the line becomes the middle element of an array
    between two sentinel records (a string field set to a value derived from the line's own hash), the array the
    value of "v" in a root object parsed with a corrupt-record column. The read is clean when nothing was corrupt
    (any failure inside the array, partial or not, marks the root record), the array holds exactly three elements
    and both sentinels are its first and last: as the line cannot contain its own hash, the array then spans from
    the wrapper's first to its last sentinel, so the line is exactly one JSON object (no second value, trailing
    text, extra keys or top-level array), parsed as cleanly as on its own, with the same values. Every other line
    takes the separate reads below, whose verdict and (partial) values are the contract's definition."""
    schema = raw_read_schema(dataset)
    names = [f.name for f in schema.fields]
    line = F.col(LINE_COLUMN)
    options = {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": CORRUPT_RECORD_COLUMN, "allowNonNumericNumbers": "false"}
    with_corrupt = T.StructType(schema.fields + [T.StructField(CORRUPT_RECORD_COLUMN, T.StringType(), True)])
    provenance = [c for c in lines.columns if c != LINE_COLUMN]
    sentinel = F.col("_sentinel")
    key = _sentinel_field(schema)
    with_sentinel = lines.select(line, *provenance, _sentinel(line).alias("_sentinel"))
    if key is not None:
        marker = F.concat(F.lit(f'{{"{key}":"'), sentinel, F.lit('"}'))
        single = F.from_json(
            F.concat(F.lit('{"v":['), marker, F.lit(","), line, F.lit(","), marker, F.lit("]}")),
            T.StructType([T.StructField("v", T.ArrayType(schema, True), True),
                          T.StructField(CORRUPT_RECORD_COLUMN, T.StringType(), True)]),
            options,
        )
        read = with_sentinel.select(line, *provenance, sentinel, single.alias("_single"))
        items = F.col("_single.v")
        clean = F.coalesce(
            F.col(f"_single.{CORRUPT_RECORD_COLUMN}").isNull() & (F.size(items) == 3) & items[1].isNotNull()
            & (items[0][key] == sentinel) & (items[2][key] == sentinel),
            F.lit(False),
        )
        read = read.select(line, *provenance, sentinel, F.when(clean, items[1]).alias("_record"),
                           clean.alias("_clean"))
    else:
        read = with_sentinel.select(line, *provenance, sentinel, F.lit(None).cast(schema).alias("_record"),
                                    F.lit(False).alias("_clean"))

    # The separate reads (only for lines the single read did not accept: CASE WHEN evaluates them lazily).
    parsed = F.from_json(line, with_corrupt, options)
    # Jackson only reads the first value of its input. To see what follows the record, the line also becomes the
    # value of "v" in a wrapper object closed by a key derived from the line's own hash, read as a map of empty
    # structs (values are skipped, not copied): a second object, trailing text or a top-level array breaks the
    # wrapper (parse failure, no sentinel, a third key or a non-object "v") instead of being ignored.
    wrapped = F.concat(F.lit('{"v":'), line, F.lit(',"'), sentinel, F.lit('":{}}'))
    shape = F.from_json(wrapped, T.MapType(T.StringType(), T.StructType([]), True))
    bad_shape = ~F.coalesce((F.size(shape) == 2) & shape.getItem("v").isNotNull() & shape.getItem(sentinel).isNotNull(),
                            F.lit(False))
    checked = read.select(
        line, *provenance, "_record", "_clean",
        F.when(~F.col("_clean"), parsed).alias("_parsed"),
        F.when(~F.col("_clean"), bad_shape).alias("_bad_shape"),
    )
    malformed = F.when(F.col("_clean"), F.lit(False)).otherwise(
        F.col("_parsed").isNull() | F.col(f"_parsed.{CORRUPT_RECORD_COLUMN}").isNotNull() | F.col("_bad_shape"))
    pattern = wrong_token_pattern(dataset)
    if pattern:
        malformed = malformed | F.coalesce(line.rlike(pattern), F.lit(False))
    fields = checked.select(
        *[F.when(F.col("_clean"), F.col(f"_record.{n}")).otherwise(F.col(f"_parsed.{n}")).alias(n) for n in names],
        malformed.alias("_malformed"), line.alias("_line"), *provenance,
    )
    malformed = F.col("_malformed") | F.coalesce(non_finite_number(dataset), F.lit(False))
    return fields.select(
        *names, F.when(malformed, F.col("_line")).alias(CORRUPT_RECORD_COLUMN), *provenance
    )
