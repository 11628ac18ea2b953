"""Benchmark of process_orders and customer_360 on local Spark (local[2]) at one size; bench.sh runs two
sizes in separate processes and compares them. Inputs (customers, products, events) scale with orders."""
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
    generate(config, str(work))
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
                           "customers": summary.get("customers")}
        if code:
            raise SystemExit(f"{job_id} failed with {code}")
    spark.stop()
    result = {
        "orders": args.orders, "customers": config.customers, "events": config.events,
        "generate_seconds": round(generate_seconds, 1), "prepare_seconds": round(prepare_seconds, 1),
        "process_orders_seconds": timings["process_orders"]["seconds"],
        "process_orders_rows_per_second": round(timings["process_orders"]["summary_input"] / timings["process_orders"]["seconds"]),
        "customer_360_seconds": timings["customer_360"]["seconds"],
        "customer_360_customers_per_second": round(timings["customer_360"]["customers"] / timings["customer_360"]["seconds"]),
        "load_average_1m_at_start": load_at_start,
        "load_average_1m": os.getloadavg()[0],
    }
    print("BENCH " + json.dumps(result, sort_keys=True))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
