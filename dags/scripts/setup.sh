#!/usr/bin/env bash
# Creates .cache/venv/airflow from dags/requirements.lock (every transitive dependency pinned).
# Idempotent: a marker holding the lock's hash makes the second run a no-op.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lock_file="$repo_root/dags/requirements.lock"
venv_dir="$repo_root/.cache/venv/airflow"
marker="$venv_dir/.gridata-lock-sha256"
python_bin="${GRIDATA_PYTHON:-python3.11}"

lock_hash="$(sha256sum "$lock_file" | cut -d' ' -f1)"
if [[ -f "$marker" && "$(cat "$marker")" == "$lock_hash" ]]; then
  echo "dags setup: $venv_dir is up to date with requirements.lock"
  exit 0
fi

if ! command -v "$python_bin" >/dev/null 2>&1; then
  echo "dags setup: $python_bin not found (Airflow 3.3 needs Python 3.10-3.13; set GRIDATA_PYTHON)" >&2
  exit 1
fi

echo "dags setup: building $venv_dir from requirements.lock"
rm -rf "$venv_dir"
"$python_bin" -m venv "$venv_dir"
# --no-deps: the lock is the complete set, so pip must not resolve anything on its own.
"$venv_dir/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$lock_file"
"$venv_dir/bin/pip" check
echo "$lock_hash" > "$marker"
echo "dags setup: done"
