"""Command line of the job image: `run_job.py <job_id> --ds YYYY-MM-DD --run-id ID [options]`.

Exit codes: 0 success, 2 invalid arguments (or an unusable GRIDATA_SPARK_CONF_FILE), 3 missing input, 4 error-severity quality failure, 1 other errors."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from typing import Callable

from .jobs.context import DEFAULT_RAW_BASE, DEFAULT_REJECTED_BASE, JobContext
from .spark_conf_file import SparkConfFileError, apply_conf, conf_from_environment

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_MISSING_INPUT, EXIT_QUALITY_GATE = 0, 1, 2, 3, 4
RUN_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:+\-]{0,199}$")


def _jobs() -> dict[str, Callable[[JobContext], dict]]:
    from .jobs import aggregate_clickstream_daily, customer_360, ingest, process_orders, quality_checks

    return {
        "ingest_customers": ingest.run_customers,
        "ingest_products": ingest.run_products,
        "ingest_clickstream": ingest.run_clickstream,
        "aggregate_clickstream_daily": aggregate_clickstream_daily.run,
        "process_orders": process_orders.run,
        "quality_checks": quality_checks.run,
        "customer_360": customer_360.run,
    }


JOB_IDS = (
    "ingest_customers", "ingest_products", "ingest_clickstream", "aggregate_clickstream_daily",
    "process_orders", "quality_checks", "customer_360",
)


class UsageError(ValueError):
    pass


def _iso_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a calendar date: {value!r} ({error})") from None
    return value


def _run_id(value: str) -> str:
    if not RUN_ID_PATTERN.fullmatch(value):
        raise argparse.ArgumentTypeError(
            f"run id must be 1-200 characters of letters, digits and _ . : + -, starting with a letter or digit; got {value!r}"
        )
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # raise instead of exiting, so callers (and tests) decide
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="run_job.py", description="Run one Gridata Spark job.")
    parser.add_argument("job_id", choices=JOB_IDS)
    parser.add_argument("--ds", required=True, type=_iso_date, help="logical date of the run, YYYY-MM-DD")
    parser.add_argument("--run-id", required=True, type=_run_id, help="orchestrator run id, stored with every row")
    parser.add_argument("--raw-base", default=DEFAULT_RAW_BASE, help="landing root holding <dataset>/<ds>/")
    parser.add_argument("--rejected-base", default=DEFAULT_REJECTED_BASE, help="quarantine root (<dataset>/<ds>/)")
    parser.add_argument("--as-of", type=_iso_date, help="customer_360 as-of date (default: --ds)")
    parser.add_argument("--suite", default="ingestion", choices=("ingestion", "customer_360"),
                        help="quality_checks suite")
    parser.add_argument("--metrics-file", help="quality_checks: write Prometheus text metrics here")
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)


def context_from_args(spark, args: argparse.Namespace) -> JobContext:
    return JobContext(
        spark=spark, ds=args.ds, run_id=args.run_id, raw_base=args.raw_base, rejected_base=args.rejected_base,
        as_of=args.as_of, suite=args.suite, metrics_file=args.metrics_file,
        pushgateway_url=os.environ.get("GRIDATA_PUSHGATEWAY_URL") or None,
    )


def main(argv: list[str] | None = None, spark=None) -> int:
    """Parses, runs the job, prints its summary as one JSON line; returns the exit code."""
    from .jobs.process_orders import RowAccountingError
    from .jobs.quality_checks import QualityGateFailed
    from .raw_io import MissingInputError

    try:
        args = parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    # Read before Spark starts, so a missing or broken file fails fast; applied right after getOrCreate()
    # and before any job code touches a catalog (Iceberg builds each catalog from the conf on first use).
    try:
        conf_file_entries = conf_from_environment()
    except SparkConfFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if spark is None:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.appName(f"gridata-{args.job_id}").getOrCreate()
    try:
        apply_conf(spark, conf_file_entries)
    except SparkConfFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    # Timestamps in the raw files carry no offset and mean UTC.
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    ctx = context_from_args(spark, args)
    try:
        summary = _jobs()[args.job_id](ctx)
    except MissingInputError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_MISSING_INPUT
    except QualityGateFailed as error:
        print(json.dumps(error.summary, default=str, sort_keys=True))
        print(f"error: {error}", file=sys.stderr)
        return EXIT_QUALITY_GATE
    except RowAccountingError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    print(json.dumps(summary, default=str, sort_keys=True))
    return EXIT_OK
