"""The DAG folder parses the way Airflow's DAG processor parses it: no import errors, exactly the
expected DAGs, every DAG serializable, and parse time per file measured (printed, not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from conftest import DAGS_DIR, PARSE_TIMES

EXPECTED_DAG_FILES = {
    "ecommerce_orders_pipeline.py": "ecommerce_orders_pipeline",
    "ecommerce_ingestion.py": "ecommerce_ingestion",
    "ecommerce_customer_360.py": "ecommerce_customer_360",
}


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}


def test_exactly_the_expected_dags_and_nothing_from_helpers_or_tests(dagbag):
    parsed_files = {stat.file for stat in dagbag.dagbag_stats}
    assert parsed_files == set(EXPECTED_DAG_FILES), ".airflowignore must keep gridata_dags/, tests/, scripts/ out"
    assert sorted(dagbag.dag_ids) == sorted(EXPECTED_DAG_FILES.values())
    for stat in dagbag.dagbag_stats:
        assert stat.dag_num == 1, f"{stat.file} should define exactly one DAG"


def test_no_warnings_captured_while_parsing(dagbag):
    assert dagbag.captured_warnings == {}


@pytest.mark.parametrize("dag_id", sorted(EXPECTED_DAG_FILES.values()))
def test_dag_serializes_like_the_dag_processor_does(dags, dag_id):
    from airflow.serialization.serialized_objects import DagSerialization, LazyDeserializedDAG

    data = DagSerialization.to_dict(dags[dag_id])
    lazy = LazyDeserializedDAG(data=data)
    assert lazy.dag_id == dag_id
    restored = DagSerialization.from_dict(data)
    assert sorted(restored.task_ids) == sorted(dags[dag_id].task_ids)


_COLD_PARSE = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from airflow.dag_processing.dagbag import BundleDagBag
    folder, file_name = Path(sys.argv[1]), sys.argv[2]
    bag = BundleDagBag(dag_folder=folder / file_name, bundle_path=folder, bundle_name="cold")
    (stat,) = bag.dagbag_stats
    print(json.dumps({"errors": bag.import_errors, "seconds": stat.duration.total_seconds(), "dags": bag.dag_ids}))
    """
)


def test_each_dag_file_parses_alone_in_a_fresh_interpreter():
    """What one DAG processor subprocess pays for a file: Airflow and provider imports included."""
    rows = []
    for file_name, dag_id in sorted(EXPECTED_DAG_FILES.items()):
        completed = subprocess.run(
            [sys.executable, "-c", _COLD_PARSE, str(DAGS_DIR), file_name],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        assert result["errors"] == {}, result["errors"]
        assert result["dags"] == [dag_id]
        rows.append((file_name, result["seconds"]))
    PARSE_TIMES["each file alone in a fresh interpreter (cold)"] = rows
