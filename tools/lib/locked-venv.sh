#!/usr/bin/env bash
# usage: tools/lib/locked-venv.sh <name> <lock file>
# Creates .cache/venv/<name> from a lock file that pins every transitive dependency.
# Idempotent: a marker holding the lock's hash makes the second run a no-op.
set -euo pipefail

name="$1"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lock_file="$2"
venv_dir="$repo_root/.cache/venv/$name"
marker="$venv_dir/.gridata-lock-sha256"
python_bin="${GRIDATA_PYTHON:-python3.11}"

lock_hash="$(sha256sum "$lock_file" | cut -d' ' -f1)"
if [[ -f "$marker" && "$(cat "$marker")" == "$lock_hash" ]]; then
  echo "$name setup: $venv_dir is up to date with $(basename "$lock_file")"
  exit 0
fi

if ! command -v "$python_bin" >/dev/null 2>&1; then
  echo "$name setup: $python_bin not found (set GRIDATA_PYTHON to a Python 3.11 interpreter)" >&2
  exit 1
fi

echo "$name setup: building $venv_dir from $(basename "$lock_file")"
rm -rf "$venv_dir"
"$python_bin" -m venv "$venv_dir"
# --no-deps: the lock is the complete set, so pip must not resolve anything on its own.
"$venv_dir/bin/pip" install --quiet --disable-pip-version-check --no-deps -r "$lock_file"
"$venv_dir/bin/pip" check
echo "$lock_hash" > "$marker"
echo "$name setup: done"
