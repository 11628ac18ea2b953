#!/usr/bin/env bash
# Creates .cache/venv/airflow from dags/requirements.lock (every transitive dependency pinned;
# Airflow 3.3 runs on Python 3.10-3.13, GRIDATA_PYTHON picks the interpreter). No-op when up to date.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec bash "$repo_root/tools/lib/locked-venv.sh" airflow "$repo_root/dags/requirements.lock"
