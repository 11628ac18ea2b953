"""Test session setup: an isolated AIRFLOW_HOME, no inherited GRIDATA_* settings, the real DAG folder
parsed once the way Airflow's DAG processor does (a bundle DagBag), and parse times reported."""

from __future__ import annotations

import os
import shutil
import tempfile

# Must happen before anything imports airflow: Airflow reads AIRFLOW_HOME at import time.
_airflow_home = tempfile.mkdtemp(prefix="gridata-dags-airflow-home-")
os.environ["AIRFLOW_HOME"] = _airflow_home
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for _name in [name for name in os.environ if name.startswith("GRIDATA_") and name != "GRIDATA_DIST_DIR"]:
    del os.environ[_name]

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

DAGS_DIR = Path(__file__).resolve().parents[1]
PARSE_TIMES: dict[str, list[tuple[str, float]]] = {}


def parse_dag_folder(folder: Path = DAGS_DIR):
    from airflow.dag_processing.dagbag import BundleDagBag

    return BundleDagBag(dag_folder=folder, bundle_path=folder, bundle_name="gridata-dags")


@pytest.fixture(scope="session")
def dagbag():
    bag = parse_dag_folder()
    PARSE_TIMES["in one DagBag, Airflow already imported (the first file pays the provider imports)"] = [
        (stat.file, stat.duration.total_seconds()) for stat in bag.dagbag_stats
    ]
    return bag


@pytest.fixture(scope="session")
def dags(dagbag):
    return dagbag.dags


def pytest_terminal_summary(terminalreporter):
    if not PARSE_TIMES:
        return
    terminalreporter.section("DAG parse times")
    for label, rows in PARSE_TIMES.items():
        terminalreporter.write_line(label + ":")
        for file_name, seconds in sorted(rows):
            terminalreporter.write_line(f"  {file_name:<40} {seconds * 1000:8.1f} ms")


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_airflow_home, ignore_errors=True)
