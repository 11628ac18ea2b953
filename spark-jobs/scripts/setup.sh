#!/usr/bin/env bash
# Idempotent setup for spark-jobs: a pinned virtualenv and the pinned Maven jars, all under .cache/.
# A second run with unchanged pins only compares stamps and returns in well under a second.
set -euo pipefail

SPARK_JOBS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$SPARK_JOBS_DIR/.." && pwd)"
CACHE_DIR="$REPO_ROOT/.cache"
VENV_DIR="$CACHE_DIR/venv/spark"
JARS_DIR="$CACHE_DIR/jars"
M2_DIR="$CACHE_DIR/m2"
PYTHON_BIN="${GRIDATA_PYTHON:-python3.11}"

log() { echo "[spark-jobs setup] $*" >&2; }

fingerprint() { cat "$@" | sha256sum | cut -d' ' -f1; }

setup_venv() {
  local wanted stamp="$VENV_DIR/.gridata-requirements.sha256"
  wanted="$(fingerprint "$SPARK_JOBS_DIR/requirements.txt" "$SPARK_JOBS_DIR/requirements-dev.txt")"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" && -x "$VENV_DIR/bin/python" ]]; then
    return 0
  fi
  command -v "$PYTHON_BIN" >/dev/null || { log "need $PYTHON_BIN (versions.json python)"; exit 1; }
  log "creating virtualenv $VENV_DIR"
  rm -rf "$VENV_DIR"
  "$PYTHON_BIN" -m venv "$VENV_DIR"
  "$VENV_DIR/bin/pip" install --quiet --disable-pip-version-check -r "$SPARK_JOBS_DIR/requirements-dev.txt"
  echo "$wanted" > "$stamp"
}

jar_file_name() { # group:artifact:version -> artifact-version.jar
  echo "$(cut -d: -f2 <<<"$1")-$(cut -d: -f3 <<<"$1").jar"
}

setup_jars() {
  local lock="$SPARK_JOBS_DIR/jars.lock" stamp="$JARS_DIR/.gridata-jars.lock.sha256" wanted all_present=1
  wanted="$(fingerprint "$lock")"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    while read -r _ coordinate; do
      [[ -f "$JARS_DIR/$(jar_file_name "$coordinate")" ]] || all_present=0
    done < <(grep -v '^#' "$lock" | grep -v '^\s*$')
    [[ $all_present == 1 ]] && return 0
  fi
  command -v mvn >/dev/null || { log "need mvn to download jars from Maven Central"; exit 1; }
  bash "$SPARK_JOBS_DIR/scripts/fetch-jars.sh" "$lock" "$JARS_DIR" "$M2_DIR"
  echo "$wanted" > "$stamp"
}

setup_venv
setup_jars
