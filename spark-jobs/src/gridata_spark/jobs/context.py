"""What every job receives: the session and the run's parameters (validated by the CLI)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pyspark.sql import SparkSession

DEFAULT_RAW_BASE = "s3a://gridata-raw/raw/ecommerce"
DEFAULT_REJECTED_BASE = "s3a://gridata-raw/rejected"


@dataclass(frozen=True)
class JobContext:
    spark: SparkSession
    ds: str  # YYYY-MM-DD, the logical date of the run
    run_id: str
    raw_base: str = DEFAULT_RAW_BASE
    rejected_base: str = DEFAULT_REJECTED_BASE
    as_of: str | None = None  # customer_360 "now"; defaults to ds
    suite: str = "ingestion"  # quality_checks suite
    metrics_file: str | None = None
    pushgateway_url: str | None = None
    options: dict = field(default_factory=dict)

    @property
    def ds_date(self) -> dt.date:
        return dt.date.fromisoformat(self.ds)

    @property
    def as_of_date(self) -> dt.date:
        return dt.date.fromisoformat(self.as_of or self.ds)
