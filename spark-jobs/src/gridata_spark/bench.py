"""Benchmark of process_orders and customer_360 on local Spark (local[2]) at one size, then the same work in DuckDB
(2 threads) on the same generated landing day as a yardstick (bench_duckdb); bench.sh runs sizes in separate
processes and prints the Spark / DuckDB ratios. Inputs (customers, products, events) scale with orders."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

from .generator.generate import GeneratorConfig, generate
from .local_pipeline import run_job
from .local_session import local_session

DS = "2024-06-30"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--orders", type=int, required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--driver-memory", default="8g")
    args = parser.parse_args(argv)
    work = Path(args.workdir) / f"orders-{args.orders}"
    shutil.rmtree(work, ignore_errors=True)
    config = GeneratorConfig(ds=DS, seed=42, orders=args.orders, customers=max(args.orders // 5, 1),
                             products=max(args.orders // 25, 200), events=args.orders * 2, bad_record_rate=0.01)
    started = time.time()
    manifest = generate(config, str(work))
    generate_seconds = time.time() - started

    spark = local_session(str(work / "warehouse"), master="local[2]", shuffle_partitions=8,
                          driver_memory=args.driver_memory)
    spark.sparkContext.setLogLevel("ERROR")
    raw, rejected = str(work / "raw" / "ecommerce"), str(work / "rejected")
    prepare_started = time.time()
    for job_id in ("ingest_customers", "ingest_products", "ingest_clickstream", "aggregate_clickstream_daily"):
        code, _ = run_job(spark, job_id, DS, "bench", raw, rejected)
        if code:
            raise SystemExit(f"{job_id} failed with {code}")
    prepare_seconds = time.time() - prepare_started

    timings = {}
    load_at_start = os.getloadavg()[0]  # the other machine load the timed jobs compete with
    for job_id in ("process_orders", "customer_360"):
        started = time.time()
        code, summary = run_job(spark, job_id, DS, "bench", raw, rejected)
        timings[job_id] = {"seconds": round(time.time() - started, 1), "summary_input": summary.get("input"),
                           "customers": summary.get("customers"), "summary": summary}
        if code:
            raise SystemExit(f"{job_id} failed with {code}")
    spark.stop()

    # The yardstick: the same work in DuckDB on the same landing day, same number of threads, same as-of date.
    from . import bench_duckdb

    duck_dir = work / "duckdb"
    bench_duckdb.prepare_reference(raw, str(duck_dir), DS)
    duck_orders = bench_duckdb.process_orders(f"{raw}/orders/{DS}", str(duck_dir))
    duck_c360 = bench_duckdb.customer_360(str(duck_dir), DS)
    spark_orders, spark_c360 = timings["process_orders"]["summary"], timings["customer_360"]["summary"]
    disagreements = [key for key in ("input", "accepted", "rejected", "duplicates_dropped", "rejected_by_reason")
                     if spark_orders[key] != duck_orders[key]]
    disagreements += [f"customer_360 {key}" for key in ("customers", "segments") if spark_c360[key] != duck_c360[key]]
    # The run reconciles with what the generator injected (every defect kind, at this size).
    manifest_disagreements = [key for key in ("input", "accepted", "rejected", "duplicates_dropped", "rejected_by_reason")
                              if spark_orders[key] != manifest["expected"]["orders"][key]]
    result = {
        "orders": args.orders, "customers": config.customers, "events": config.events,
        "generate_seconds": round(generate_seconds, 1), "prepare_seconds": round(prepare_seconds, 1),
        "process_orders_seconds": timings["process_orders"]["seconds"],
        "process_orders_rows_per_second": round(timings["process_orders"]["summary_input"] / timings["process_orders"]["seconds"]),
        "customer_360_seconds": timings["customer_360"]["seconds"],
        "customer_360_customers_per_second": round(timings["customer_360"]["customers"] / timings["customer_360"]["seconds"]),
        "duckdb_process_orders_seconds": duck_orders["seconds"],
        "duckdb_customer_360_seconds": duck_c360["seconds"],
        "process_orders_ratio": round(timings["process_orders"]["seconds"] / duck_orders["seconds"], 2),
        "customer_360_ratio": round(timings["customer_360"]["seconds"] / duck_c360["seconds"], 2),
        "duckdb_disagreements": disagreements,
        "manifest_disagreements": manifest_disagreements,
        "injected_order_kinds": len(manifest["injected"]["orders"]),
        "load_average_1m_at_start": load_at_start,
        "load_average_1m": os.getloadavg()[0],
    }
    print("BENCH " + json.dumps(result, sort_keys=True))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
