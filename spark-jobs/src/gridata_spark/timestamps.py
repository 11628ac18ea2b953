"""Strict parsing of ISO-8601 strings that yields null (never an error) on malformed input, whatever
spark.sql.ansi.enabled says.

A timestamp must be a full date-time: YYYY-MM-DDTHH:MM:SS, optional fraction (up to microseconds) and an
optional zone (Z or +hh:mm/-hh:mm); without a zone it is UTC, the contract's documented default. A bare year,
a date alone or a space instead of 'T' is not a timestamp (Spark's cast would accept them)."""
from pyspark.sql import Column
from pyspark.sql import functions as F

ISO_DATE_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?$"
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


def parse_timestamp(column: Column) -> Column:
    return F.when(column.rlike(ISO_DATE_TIME), F.try_to_timestamp(column))


def parse_date(column: Column) -> Column:
    # A date must be exactly YYYY-MM-DD; anything else (including a full timestamp) is malformed.
    return F.when(column.rlike(ISO_DATE), F.to_date(F.try_to_timestamp(column)))
