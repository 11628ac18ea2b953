"""The landing zone contract: files for dataset D and day ds arrive under
s3://<raw bucket>/raw/ecommerce/<D>/<ds>/ and the producer writes the empty marker `_SUCCESS` there
last (the sample-data generator does). A deferrable sensor waits for that marker, so a half-written
day is never picked up (the wait runs in the triggerer, holding no worker slot); a validation task then
checks every object before any Spark job reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor

from gridata_dags.config import Settings

LANDING_ROOT = "raw/ecommerce"
COMPLETION_MARKER = "_SUCCESS"
MAX_FILE_BYTES = 10 * 1024**3  # the seed's 10 GiB ceiling per file
# Formats the generator and upstream exporters write; compressed variants are accepted too.
DATA_FILE_SUFFIXES = (".parquet", ".json", ".jsonl", ".avro", ".csv")
COMPRESSION_SUFFIXES = ("", ".gz", ".snappy", ".zst")


class LandingValidationError(ValueError):
    """The landing folder for a day cannot be processed as it is."""


@dataclass(frozen=True)
class LandedObject:
    key: str
    size: int


def landing_prefix(dataset: str, ds: str) -> str:
    return f"{LANDING_ROOT}/{dataset}/{ds}/"


def _is_marker(key: str, prefix: str) -> bool:
    # Writers such as Spark and Hadoop leave _SUCCESS / .crc files beside the data.
    name = key[len(prefix):].rsplit("/", 1)[-1]
    return name.startswith("_") or name.startswith(".") or name == ""


def _is_data_file(key: str) -> bool:
    lowered = key.lower()
    return any(lowered.endswith(data + compression) for data in DATA_FILE_SUFFIXES for compression in COMPRESSION_SUFFIXES)


def validate_landed_objects(objects: list[LandedObject], prefix: str) -> dict[str, Any]:
    """Check a day's landing folder; return a summary, or raise naming every problem found."""
    problems: list[str] = []
    data_files: list[LandedObject] = []
    if not any(item.key == prefix + COMPLETION_MARKER for item in objects):
        problems.append(f"completion marker {prefix}{COMPLETION_MARKER} is missing (the day is not fully written)")
    for item in sorted(objects, key=lambda o: o.key):
        if not item.key.startswith(prefix):
            problems.append(f"{item.key}: outside the landing prefix {prefix}")
        elif _is_marker(item.key, prefix):
            continue
        elif not _is_data_file(item.key):
            problems.append(f"{item.key}: unexpected file type (expected one of {', '.join(DATA_FILE_SUFFIXES)})")
        elif item.size <= 0:
            problems.append(f"{item.key}: file is empty")
        elif item.size > MAX_FILE_BYTES:
            problems.append(f"{item.key}: {item.size} bytes exceeds the {MAX_FILE_BYTES} byte limit")
        else:
            data_files.append(item)
    if not data_files and not problems:
        problems.append(f"no data files under {prefix}")
    if problems:
        raise LandingValidationError(f"landing folder {prefix} refused: " + "; ".join(problems))
    return {
        "prefix": prefix,
        "file_count": len(data_files),
        "total_bytes": sum(item.size for item in data_files),
        "files": [item.key for item in data_files],
    }


def list_landed_objects(s3_conn_id: str, bucket: str, prefix: str) -> list[LandedObject]:
    from airflow.providers.amazon.aws.hooks.s3 import S3Hook

    client = S3Hook(aws_conn_id=s3_conn_id).get_conn()
    paginator = client.get_paginator("list_objects_v2")
    found: list[LandedObject] = []
    for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
        found.extend(LandedObject(key=entry["Key"], size=int(entry["Size"])) for entry in page.get("Contents", []))
    return found


def wait_for_landing_sensor(dataset: str, settings: Settings, *, task_id: str | None = None) -> S3KeySensor:
    return S3KeySensor(
        task_id=task_id or f"wait_for_{dataset}_files",
        bucket_name=settings.raw_bucket,
        bucket_key=landing_prefix(dataset, "{{ ds }}") + COMPLETION_MARKER,
        aws_conn_id=settings.s3_conn_id,
        deferrable=True,
        poke_interval=settings.landing_poke_interval.total_seconds(),
        timeout=settings.landing_wait_timeout.total_seconds(),
        # The sensor's own timeout bounds the wait; execution_timeout must not cut it shorter.
        execution_timeout=settings.landing_wait_timeout,
    )


def validate_landing_folder(dataset: str, ds: str, settings: Settings) -> dict[str, Any]:
    prefix = landing_prefix(dataset, ds)
    summary = validate_landed_objects(list_landed_objects(settings.s3_conn_id, settings.raw_bucket, prefix), prefix)
    summary["bucket"] = settings.raw_bucket
    return summary


def validate_landing_task(dataset: str, settings: Settings, *, task_id: str | None = None):
    from airflow.sdk import task

    @task(task_id=task_id or f"validate_{dataset}_files")
    def validate(ds: str) -> dict[str, Any]:
        return validate_landing_folder(dataset, ds, settings)

    return validate("{{ ds }}")
