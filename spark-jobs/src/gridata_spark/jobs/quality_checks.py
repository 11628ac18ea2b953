"""quality_checks: runs a check suite, appends every result to gridata.quality.check_results with the
run id, emits the alerting metrics, and fails (QualityGateFailed) when an error-severity check fails."""
from __future__ import annotations

import datetime as dt
import time

from pyspark.sql import types as T

from .. import tables
from ..quality.checks import ERROR, CheckResult, RunParams, run_suite
from ..quality.metrics import deliver, render_prometheus
from .context import JobContext


class QualityGateFailed(RuntimeError):
    def __init__(self, failures: list[CheckResult], summary: dict):
        names = ", ".join(f"{r.check.table}:{r.check.name} ({r.details})" for r in failures)
        super().__init__(f"{len(failures)} error-severity quality check(s) failed: {names}")
        self.summary = summary


def results_rows(results: list[CheckResult], ctx: JobContext, checked_at: dt.datetime) -> list[tuple]:
    return [
        (ctx.run_id, ctx.ds_date, ctx.suite, r.check.table, r.check.name, r.check.check_type, r.check.severity,
         r.passed, r.observed_value, r.threshold, r.details, checked_at)
        for r in results
    ]


def run(ctx: JobContext) -> dict:
    spark = ctx.spark
    results = run_suite(spark, ctx.suite, RunParams(ctx.ds_date, ctx.as_of_date, ctx.rejected_base))
    now = time.time()
    checked_at = dt.datetime.fromtimestamp(now, dt.timezone.utc).replace(tzinfo=None)

    tables.ensure_table(spark, tables.CHECK_RESULTS)
    schema = T.StructType([T.StructField(f.name, f.dataType, True) for f in spark.table(tables.CHECK_RESULTS).schema])
    spark.createDataFrame(results_rows(results, ctx, checked_at), schema).writeTo(tables.CHECK_RESULTS).append()

    problems = deliver(render_prometheus(results, now), ctx.suite, ctx.metrics_file, ctx.pushgateway_url)
    summary = {
        "job": "quality_checks",
        "suite": ctx.suite,
        "ds": ctx.ds,
        "run_id": ctx.run_id,
        "checks": len(results),
        "failed_errors": sorted(r.check.name for r in results if not r.passed and r.check.severity == ERROR),
        "failed_warnings": sorted(r.check.name for r in results if not r.passed and r.check.severity != ERROR),
        "results": [
            {"table": r.check.table, "check": r.check.name, "severity": r.check.severity, "passed": r.passed,
             "observed": r.observed_value, "details": r.details}
            for r in results
        ],
        "metric_delivery_problems": problems,
    }
    failures = [r for r in results if not r.passed and r.check.severity == ERROR]
    if failures:
        raise QualityGateFailed(failures, summary)
    return summary
