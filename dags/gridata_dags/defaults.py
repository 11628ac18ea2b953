"""Task defaults shared by every Gridata DAG: retries with exponential backoff, a timeout, a failure callback."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from gridata_dags.callbacks import on_task_failure
from gridata_dags.config import Settings

OWNER = "data-engineering"
# A fixed start keeps schedules reproducible; catchup is off, so no history is replayed by itself.
START_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)
# Delay doubles at each retry (retry_delay, 2x, 4x, ...) up to max_retry_delay.
BACKOFF_MULTIPLIER = 2.0


def default_task_args(settings: Settings) -> dict[str, Any]:
    return {
        "owner": OWNER,
        "depends_on_past": False,
        "retries": settings.task_retries,
        "retry_delay": settings.retry_delay,
        "retry_exponential_backoff": BACKOFF_MULTIPLIER,
        "max_retry_delay": settings.max_retry_delay,
        # Light default; Spark tasks and sensors set their own, longer limits.
        "execution_timeout": settings.light_task_timeout,
        "on_failure_callback": on_task_failure,
    }


def daily_after_day_ends():
    """One run per calendar day D (UTC), started once D is over; `{{ ds }}` is D itself.

    A data-interval timetable keeps the Airflow 2 meaning of `ds` (the day covered). A cron *trigger*
    timetable, Airflow 3's default for cron strings, would set `ds` to the trigger day instead.
    """
    from airflow.sdk import CronDataIntervalTimetable

    return CronDataIntervalTimetable("0 0 * * *", timezone="UTC")
