"""The local, embedded default: generator -> ingestion -> process_orders -> quality_checks -> customer_360
on one machine (local Spark, Iceberg Hadoop catalog on local disk), then a reconciled summary."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import cli
from .generator.generate import GeneratorConfig, generate
from .local_session import local_session

PIPELINE = [
    "ingest_customers", "ingest_products", "ingest_clickstream", "aggregate_clickstream_daily",
    "process_orders", "quality_checks", "customer_360",
]


def run_job(spark, job_id: str, ds: str, run_id: str, raw_base: str, rejected_base: str, *extra: str) -> tuple[int, dict]:
    """Runs one job through the same CLI as the image and captures its JSON summary line."""
    import contextlib
    import io

    captured = io.StringIO()
    with contextlib.redirect_stdout(captured):
        code = cli.main([job_id, "--ds", ds, "--run-id", run_id, "--raw-base", raw_base,
                         "--rejected-base", rejected_base, *extra], spark=spark)
    lines = [line for line in captured.getvalue().splitlines() if line.startswith("{")]
    return code, (json.loads(lines[-1]) if lines else {})


def reconcile(summary: dict, expected: dict) -> list[str]:
    """Differences between what process_orders reported and what the generator says it injected."""
    problems = []
    for key in ("input", "rejected", "duplicates_dropped", "accepted", "rejected_by_reason"):
        if summary.get(key) != expected.get(key):
            problems.append(f"orders {key}: pipeline {summary.get(key)} != manifest {expected.get(key)}")
    if summary.get("input") != summary.get("accepted", 0) + summary.get("rejected", 0) + summary.get("duplicates_dropped", 0):
        problems.append("orders: input != accepted + rejected + duplicates")
    return problems


def format_summary(results: dict, manifest: dict, problems: list[str], seconds: dict) -> str:
    orders = results["process_orders"]
    out = ["", "=== Gridata local pipeline summary ===", f"ds {orders['ds']}  run {orders['run_id']}", ""]
    out.append("Ingestion (input / accepted / rejected / duplicates):")
    for job in ("ingest_customers", "ingest_products", "ingest_clickstream"):
        r = results[job]
        out.append(f"  {job:<22} {r['input']:>8} / {r['accepted']:>8} / {r['rejected']:>6} / {r['duplicates_dropped']:>5}"
                   f"  {r['rejected_by_reason'] or ''}")
    daily = results["aggregate_clickstream_daily"]
    out.append(f"  clickstream_daily      {daily['rows']} customer-days over {daily['days_rebuilt']} days")
    out += ["", "Orders:",
            f"  rows in             {orders['input']:>8}",
            f"  accepted            {orders['accepted']:>8}   (merge: {orders['merge']})",
            f"  rejected            {orders['rejected']:>8}"]
    out += [f"    {reason:<22}{count:>6}" for reason, count in orders["rejected_by_reason"].items()]
    out.append(f"  duplicates dropped  {orders['duplicates_dropped']:>8}")
    out.append(f"  check: {orders['input']} = {orders['accepted']} + {orders['rejected']} + {orders['duplicates_dropped']}"
               f" -> {'OK' if orders['input'] == orders['accepted'] + orders['rejected'] + orders['duplicates_dropped'] else 'MISMATCH'}")
    out.append(f"  reconciled with injection manifest: {'OK' if not problems else 'NO'}")
    out += [f"    ! {p}" for p in problems]
    for suite_key in ("quality_checks", "quality_checks_customer_360"):
        quality = results.get(suite_key)
        if not quality:
            continue
        out += ["", f"Quality checks ({quality['suite']}): {quality['checks']} run, "
                    f"{len(quality['failed_errors'])} error failures, {len(quality['failed_warnings'])} warning failures"]
        for r in quality["results"]:
            status = "PASS" if r["passed"] else "FAIL"
            out.append(f"  {status} {r['severity']:<7} {r['check']:<36} {r['details']}")
    c360 = results.get("customer_360")
    if c360:
        out += ["", f"Customer 360 as of {c360['as_of']}: {c360['customers']} customers", "  segments:"]
        out += [f"    {k:<14}{v:>7}" for k, v in sorted(c360["segments"].items(), key=lambda kv: -kv[1])]
        out.append("  activity:")
        out += [f"    {k:<14}{v:>7}" for k, v in sorted(c360["activity"].items(), key=lambda kv: -kv[1])]
    out += ["", "Seconds per step: " + ", ".join(f"{k} {v:.1f}" for k, v in seconds.items())]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run-local", description=__doc__)
    parser.add_argument("--workdir", default="/tmp/gridata-local", help="landing, rejects and warehouse go here")
    parser.add_argument("--ds", default="2024-06-30")
    parser.add_argument("--run-id", default="local-run")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--bad-record-rate", type=float, default=0.02)
    args = parser.parse_args(argv)

    work = Path(args.workdir).resolve()
    seconds = {}
    started = time.time()
    manifest = generate(GeneratorConfig(ds=args.ds, seed=args.seed, customers=args.customers, products=args.products,
                                        orders=args.orders, events=args.events,
                                        bad_record_rate=args.bad_record_rate), str(work))
    seconds["generate"] = time.time() - started
    raw_base, rejected_base = str(work / "raw" / "ecommerce"), str(work / "rejected")

    started = time.time()
    spark = local_session(str(work / "warehouse"), master="local[2]")
    spark.sparkContext.setLogLevel("ERROR")
    seconds["spark_start"] = time.time() - started

    results, exit_code = {}, 0
    steps = PIPELINE[:-1] + ["quality_checks_customer_360"]
    steps.insert(-1, "customer_360")
    for step in steps:
        started = time.time()
        job_id, extra = (("quality_checks", ("--suite", "customer_360")) if step == "quality_checks_customer_360"
                         else (step, ()))
        code, summary = run_job(spark, job_id, args.ds, args.run_id, raw_base, rejected_base, *extra)
        seconds[step] = time.time() - started
        results[step] = summary
        if code != 0:
            print(f"step {step} exited {code}; in the cluster the pipeline stops here", file=sys.stderr)
            exit_code = code
            break

    problems = reconcile(results.get("process_orders", {}), manifest["expected"]["orders"])
    if "process_orders" in results:
        print(format_summary(results, manifest, problems, seconds))
    spark.stop()
    return exit_code or (1 if problems else 0)


if __name__ == "__main__":
    sys.exit(main())
