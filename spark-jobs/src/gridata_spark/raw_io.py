"""Reading the landing zone and writing quarantined records: the only file I/O of the jobs."""
from __future__ import annotations

import json

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .avro_schema import raw_read_schema
from .strict_json import CORRUPT_RECORD_COLUMN, LINE_COLUMN, parse_lines


class MissingInputError(RuntimeError):
    pass


def landing_path(raw_base: str, dataset: str, ds: str) -> str:
    return f"{raw_base.rstrip('/')}/{dataset}/{ds}"


def rejected_path(rejected_base: str, dataset: str, ds: str) -> str:
    return f"{rejected_base.rstrip('/')}/{dataset}/{ds}"


def path_exists(spark: SparkSession, path: str) -> bool:
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    return hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(hadoop_path)


def read_landing(spark: SparkSession, raw_base: str, dataset: str, ds: str, required: bool = True) -> DataFrame:
    """JSON Lines under raw/ecommerce/<dataset>/<ds>/, one input record per line of text, parsed strictly by the
    Avro contract (strict_json.parse_lines; never inferred). Malformed lines keep their raw text in _corrupt_record."""
    path = landing_path(raw_base, dataset, ds)
    if not path_exists(spark, path):
        if required:
            raise MissingInputError(f"no landing data for {dataset} on {ds}: {path} does not exist")
        schema = raw_read_schema(dataset).add(T.StructField(CORRUPT_RECORD_COLUMN, T.StringType(), True))
        return spark.createDataFrame([], schema).withColumn("source_file", F.lit(None).cast("string"))
    lines = spark.read.text(path).withColumnRenamed("value", LINE_COLUMN).withColumn("source_file", F.input_file_name())
    return parse_lines(lines, dataset)


RUN_SUMMARY_FILE = "_run_summary.json"


def _hadoop_path(spark: SparkSession, path: str):
    jvm = spark.sparkContext._jvm
    hadoop_path = jvm.org.apache.hadoop.fs.Path(path)
    return hadoop_path, hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def run_summary_path(rejected_base: str, dataset: str, ds: str) -> str:
    return f"{rejected_path(rejected_base, dataset, ds)}/{RUN_SUMMARY_FILE}"


def write_run_summary(spark: SparkSession, rejected_base: str, dataset: str, ds: str, summary: dict) -> str:
    """The completed run's accounting beside its quarantined records (written after the table commit; the next
    run's reject write replaces the folder, summary included). Hidden from readers of the rejects by its '_'."""
    path = run_summary_path(rejected_base, dataset, ds)
    hadoop_path, fs = _hadoop_path(spark, path)
    stream = fs.create(hadoop_path, True)
    try:
        stream.write(bytearray(json.dumps(summary, sort_keys=True).encode("utf-8")))
    finally:
        stream.close()
    return path


def read_run_summary(spark: SparkSession, rejected_base: str, dataset: str, ds: str) -> dict | None:
    path = run_summary_path(rejected_base, dataset, ds)
    hadoop_path, fs = _hadoop_path(spark, path)
    if not fs.exists(hadoop_path):
        return None
    stream = fs.open(hadoop_path)
    try:
        scanner = spark.sparkContext._jvm.java.util.Scanner(stream, "UTF-8").useDelimiter("\\A")
        return json.loads(scanner.next() if scanner.hasNext() else "null")
    finally:
        stream.close()


def write_rejects(rejected: DataFrame, rejected_base: str, dataset: str, ds: str) -> str:
    """Replaces rejected/<dataset>/<ds>/ as a whole, so a rerun of the day leaves exactly one copy of each reject."""
    path = rejected_path(rejected_base, dataset, ds)
    rejected.coalesce(1).write.mode("overwrite").option("ignoreNullFields", "false").json(path)
    return path
