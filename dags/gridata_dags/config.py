"""Deployment settings the DAGs read from environment variables.

Every value has a default matching the platform's in-cluster layout, so a DAG file parses anywhere;
the Airflow chart values override them per environment. Reading env vars is cheap, so it is done at
parse time for everything except the spec directory, which is read when a task renders (see spark.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta

SPARK_SPECS_DIR_ENV = "GRIDATA_SPARK_SPECS_DIR"
DEFAULT_SPARK_SPECS_DIR = "/opt/airflow/spark-specs"
# The pool bounding concurrent SparkApplications (charts/airflow/pools.ts imports it with as many
# slots as the spark-jobs ResourceQuota admits applications).
DEFAULT_SPARK_POOL = "spark_jobs"


class SettingsError(ValueError):
    """An environment variable holds a value the DAGs cannot use."""


def _env_str(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip()
    if not value:
        raise SettingsError(f"{name} is set but empty; unset it to use the default {default!r}")
    return value


def _env_int(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, found {raw!r}") from None
    if value < minimum:
        bound = "greater than 0" if minimum == 1 else f"{minimum} or more"
        raise SettingsError(f"{name} must be {bound}, found {value}")
    return value


def _env_positive_int(name: str, default: int) -> int:
    return _env_int(name, default, minimum=1)


def _env_non_negative_int(name: str, default: int) -> int:
    return _env_int(name, default, minimum=0)


@dataclass(frozen=True)
class Settings:
    kubernetes_conn_id: str
    s3_conn_id: str
    raw_bucket: str
    task_retries: int
    retry_delay: timedelta
    max_retry_delay: timedelta
    spark_task_timeout: timedelta
    landing_wait_timeout: timedelta
    landing_poke_interval: timedelta
    light_task_timeout: timedelta
    spark_pool: str


def load_settings() -> Settings:
    return Settings(
        kubernetes_conn_id=_env_str("GRIDATA_KUBERNETES_CONN_ID", "kubernetes_default"),
        s3_conn_id=_env_str("GRIDATA_S3_CONN_ID", "gridata_s3"),
        raw_bucket=_env_str("GRIDATA_RAW_BUCKET", "gridata-raw"),
        task_retries=_env_non_negative_int("GRIDATA_TASK_RETRIES", 3),
        retry_delay=timedelta(seconds=_env_positive_int("GRIDATA_RETRY_DELAY_SECONDS", 120)),
        max_retry_delay=timedelta(seconds=_env_positive_int("GRIDATA_MAX_RETRY_DELAY_SECONDS", 1800)),
        spark_task_timeout=timedelta(minutes=_env_positive_int("GRIDATA_SPARK_TASK_TIMEOUT_MINUTES", 120)),
        landing_wait_timeout=timedelta(minutes=_env_positive_int("GRIDATA_LANDING_WAIT_TIMEOUT_MINUTES", 720)),
        landing_poke_interval=timedelta(seconds=_env_positive_int("GRIDATA_LANDING_POKE_SECONDS", 300)),
        light_task_timeout=timedelta(minutes=_env_positive_int("GRIDATA_LIGHT_TASK_TIMEOUT_MINUTES", 10)),
        spark_pool=_env_str("GRIDATA_SPARK_POOL", DEFAULT_SPARK_POOL),
    )


def spark_specs_dir() -> str:
    """Directory where the `spark-application-specs` ConfigMap is mounted, one `<job_id>.yaml` per job."""
    return _env_str(SPARK_SPECS_DIR_ENV, DEFAULT_SPARK_SPECS_DIR)
