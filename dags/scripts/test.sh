#!/usr/bin/env bash
# Sets up the pinned Airflow venv (cached) and runs the DAG tests against real Airflow.
# The tests read the SparkApplication specs rendered under dist/<env>/pipelines/ (npm run synth first).
# Extra arguments go to pytest, e.g. `dags/scripts/test.sh -k spark_specs`.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$repo_root/dags/scripts/setup.sh"
cd "$repo_root/dags"
exec "$repo_root/.cache/venv/airflow/bin/python" -m pytest "$@"
