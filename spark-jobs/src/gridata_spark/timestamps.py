"""Parsing of ISO-8601 strings that yields null (never an error) on malformed input, whatever spark.sql.ansi.enabled says."""
from pyspark.sql import Column
from pyspark.sql import functions as F


def parse_timestamp(column: Column) -> Column:
    return F.try_to_timestamp(column)


def parse_date(column: Column) -> Column:
    # A date must be exactly YYYY-MM-DD; anything else (including a full timestamp) is malformed.
    return F.when(column.rlike(r"^\d{4}-\d{2}-\d{2}$"), F.to_date(F.try_to_timestamp(column)))
