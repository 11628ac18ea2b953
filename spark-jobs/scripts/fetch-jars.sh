#!/usr/bin/env bash
# Downloads every artifact of a jars.lock from Maven Central with Maven and verifies its SHA-256.
# Usage: fetch-jars.sh <jars.lock> <output dir> <maven local repo>
# Used by setup.sh (local cache) and by the Dockerfile's build stage, so both get the same bytes.
set -euo pipefail
LOCK="$1" OUT_DIR="$2" M2_DIR="$3"
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
mkdir -p "$OUT_DIR" "$M2_DIR"
while read -r expected_sha coordinate; do
  artifact="$(cut -d: -f2 <<<"$coordinate")"; version="$(cut -d: -f3 <<<"$coordinate")"
  jar="$OUT_DIR/$artifact-$version.jar"
  if [[ ! -f "$jar" ]] || [[ "$(sha256sum "$jar" | cut -d' ' -f1)" != "$expected_sha" ]]; then
    echo "[fetch-jars] downloading $coordinate" >&2
    rm -f "$jar"
    mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$M2_DIR" "$DEPENDENCY_PLUGIN:copy" \
      -Dartifact="$coordinate" -DoutputDirectory="$OUT_DIR" >&2
  fi
  actual_sha="$(sha256sum "$jar" | cut -d' ' -f1)"
  if [[ "$actual_sha" != "$expected_sha" ]]; then
    echo "[fetch-jars] checksum mismatch for $coordinate: expected $expected_sha, got $actual_sha" >&2
    rm -f "$jar"
    exit 1
  fi
done < <(grep -v '^#' "$LOCK" | grep -v '^\s*$')
