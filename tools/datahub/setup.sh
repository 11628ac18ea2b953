#!/usr/bin/env bash
# Creates .cache/venv/datahub from tools/datahub/requirements.lock: the DataHub ingestion library at
# the ingestion image's version, used to validate the rendered recipes against its config models.
# Idempotent: a marker holding the lock's hash makes the second run a no-op.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lock_file="$repo_root/tools/datahub/requirements.lock"
venv_dir="$repo_root/.cache/venv/datahub"
marker="$venv_dir/.gridata-lock-sha256"
python_bin="${GRIDATA_PYTHON:-python3.11}"

lock_hash="$(sha256sum "$lock_file" | cut -d' ' -f1)"
if [[ -f "$marker" && "$(cat "$marker")" == "$lock_hash" ]]; then
  echo "datahub setup: $venv_dir is up to date with requirements.lock"
  exit 0
fi

if ! command -v "$python_bin" >/dev/null 2>&1; then
  echo "datahub setup: $python_bin not found (set GRIDATA_PYTHON to a Python 3.11 interpreter)" >&2
  exit 1
fi

echo "datahub setup: building $venv_dir from requirements.lock"
rm -rf "$venv_dir"
"$python_bin" -m venv "$venv_dir"
# --no-deps: the lock is the complete set, so pip must not resolve anything on its own.
"$venv_dir/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$lock_file"
"$venv_dir/bin/pip" check
echo "$lock_hash" > "$marker"
echo "datahub setup: done"
