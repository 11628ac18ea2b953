"""Alerting metrics of the quality checks in Prometheus text exposition format, and their delivery
(a file for node-exporter-style collection, and/or a Pushgateway PUT)."""
from __future__ import annotations

import sys
import urllib.request
from typing import Iterable

from .checks import CheckResult

FAILED_METRIC = "gridata_quality_check_failed"
LAST_RUN_METRIC = "gridata_quality_check_last_run_timestamp_seconds"
PUSHGATEWAY_JOB = "gridata_quality"


def _label_value(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(**labels: str) -> str:
    return "{" + ",".join(f'{k}="{_label_value(v)}"' for k, v in labels.items()) + "}"


def render_prometheus(results: Iterable[CheckResult], run_timestamp_seconds: float) -> str:
    """1/0 per (table, check, severity), and the run time per table. Sorted, so the text is deterministic."""
    results = list(results)
    failed = sorted(
        (r.check.table, r.check.name, r.check.severity, 0 if r.passed else 1) for r in results
    )
    tables = sorted({r.check.table for r in results})
    lines = [
        f"# HELP {FAILED_METRIC} 1 if the data-quality check failed on its last run, 0 if it passed.",
        f"# TYPE {FAILED_METRIC} gauge",
    ]
    lines += [f"{FAILED_METRIC}{_labels(table=t, check=c, severity=s)} {v}" for t, c, s, v in failed]
    lines += [
        f"# HELP {LAST_RUN_METRIC} Unix time of the last quality-check run per table.",
        f"# TYPE {LAST_RUN_METRIC} gauge",
    ]
    lines += [f"{LAST_RUN_METRIC}{_labels(table=t)} {run_timestamp_seconds:.3f}" for t in tables]
    return "\n".join(lines) + "\n"


def write_metrics_file(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def push_to_gateway(url: str, suite: str, text: str, timeout_seconds: float = 10.0) -> None:
    """PUT replaces this suite's group, so checks removed from a suite do not linger as stale series."""
    target = f"{url.rstrip('/')}/metrics/job/{PUSHGATEWAY_JOB}/suite/{suite}"
    request = urllib.request.Request(
        target, data=text.encode("utf-8"), method="PUT", headers={"Content-Type": "text/plain; version=0.0.4"}
    )
    with urllib.request.urlopen(request, timeout=timeout_seconds) as response:
        if response.status >= 300:
            raise RuntimeError(f"Pushgateway {target} answered {response.status}")


def deliver(text: str, suite: str, metrics_file: str | None, pushgateway_url: str | None) -> list[str]:
    """Delivers the metrics; a Pushgateway failure is reported, not fatal: results are already in Iceberg."""
    problems = []
    if metrics_file:
        write_metrics_file(metrics_file, text)
    if pushgateway_url:
        try:
            push_to_gateway(pushgateway_url, suite, text)
        except Exception as error:  # noqa: BLE001 - any delivery failure is reported the same way
            problems.append(f"could not push metrics to {pushgateway_url}: {error}")
            print(f"[quality_checks] WARNING {problems[-1]}", file=sys.stderr)
    return problems
