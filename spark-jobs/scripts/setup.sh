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
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

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
  local artifact version
  artifact="$(cut -d: -f2 <<<"$1")"; version="$(cut -d: -f3 <<<"$1")"
  echo "$artifact-$version.jar"
}

setup_jars() {
  local lock="$SPARK_JOBS_DIR/jars.lock" stamp="$JARS_DIR/.gridata-jars.lock.sha256" wanted
  wanted="$(fingerprint "$lock")"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    local all_present=1
    while read -r _ coordinate; do
      [[ -f "$JARS_DIR/$(jar_file_name "$coordinate")" ]] || all_present=0
    done < <(grep -v '^#' "$lock")
    [[ $all_present == 1 ]] && return 0
  fi
  command -v mvn >/dev/null || { log "need mvn to download jars from Maven Central"; exit 1; }
  mkdir -p "$JARS_DIR" "$M2_DIR"
  while read -r expected_sha coordinate; do
    local jar="$JARS_DIR/$(jar_file_name "$coordinate")"
    if [[ ! -f "$jar" ]] || [[ "$(sha256sum "$jar" | cut -d' ' -f1)" != "$expected_sha" ]]; then
      log "downloading $coordinate"
      rm -f "$jar"
      mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$M2_DIR" "$DEPENDENCY_PLUGIN:copy" \
        -Dartifact="$coordinate" -DoutputDirectory="$JARS_DIR" >&2
    fi
    local actual_sha
    actual_sha="$(sha256sum "$jar" | cut -d' ' -f1)"
    if [[ "$actual_sha" != "$expected_sha" ]]; then
      log "checksum mismatch for $coordinate: expected $expected_sha, got $actual_sha"
      rm -f "$jar"
      exit 1
    fi
  done < <(grep -v '^#' "$lock")
  echo "$wanted" > "$stamp"
}

setup_venv
setup_jars
