"""A local SparkSession with the `gridata` catalog as an Iceberg Hadoop catalog on local disk.

Used by tests, the local pipeline and the benchmark. In the cluster the same catalog name is configured
as a REST catalog by the SparkApplication's sparkConf; job code does not change."""
from __future__ import annotations

import json
import os
from pathlib import Path

from pyspark.sql import SparkSession

SPARK_JOBS_DIR = Path(__file__).resolve().parents[2]
REPO_ROOT = SPARK_JOBS_DIR.parent


def versions() -> dict:
    return json.loads((SPARK_JOBS_DIR / "versions.json").read_text())


def jars_dir() -> Path:
    return Path(os.environ.get("GRIDATA_JARS_DIR", REPO_ROOT / ".cache" / "jars"))


def _jar_path(coordinate: str) -> Path:
    _, artifact, version = coordinate.split(":")
    path = jars_dir() / f"{artifact}-{version}.jar"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run spark-jobs/scripts/setup.sh first")
    return path


def local_jars(with_s3: bool = False) -> list[str]:
    pins = versions()
    coordinates = [pins["icebergRuntimeArtifact"]]
    if with_s3:
        coordinates += [pins["icebergAwsBundle"], pins["hadoopAws"], pins["awsSdkBundle"]]
    return [str(_jar_path(c)) for c in coordinates]


def local_catalog_conf(warehouse: str) -> dict[str, str]:
    return {
        "spark.sql.extensions": "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
        "spark.sql.catalog.gridata": "org.apache.iceberg.spark.SparkCatalog",
        "spark.sql.catalog.gridata.type": "hadoop",
        "spark.sql.catalog.gridata.warehouse": warehouse,
    }


def local_session(
    warehouse: str,
    master: str = "local[2]",
    app_name: str = "gridata-local",
    shuffle_partitions: int = 4,
    driver_memory: str = "4g",
    with_s3: bool = False,
    extra_conf: dict[str, str] | None = None,
) -> SparkSession:
    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.jars", ",".join(local_jars(with_s3)))
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.adaptive.enabled", "true")
    )
    for key, value in {**local_catalog_conf(warehouse), **(extra_conf or {})}.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
