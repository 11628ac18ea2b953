#!/usr/bin/env bash
# One command for the whole pipeline on this machine: setup, then generator -> ingestion -> process_orders
# -> quality_checks -> customer_360 on local Spark with an Iceberg catalog on local disk, then a summary.
# Options are passed through (see --help), e.g. --orders 20000 --bad-record-rate 0.05 --workdir /tmp/x
set -euo pipefail
SPARK_JOBS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$SPARK_JOBS_DIR/scripts/setup.sh"
WORKDIR="${GRIDATA_LOCAL_WORKDIR:-/tmp/gridata-local}"
# A fresh catalog each time, so the printed numbers are those of this run only; never delete a folder
# that is not a previous run's (it would hold raw/ and warehouse/ only).
if [[ -d "$WORKDIR" ]]; then
  if [[ -n "$(ls -A "$WORKDIR" | grep -vx -e raw -e rejected -e warehouse)" ]]; then
    echo "refusing to reuse $WORKDIR: it holds files that are not from a previous local run" >&2
    exit 2
  fi
  rm -rf "$WORKDIR"
fi
cd "$SPARK_JOBS_DIR"
PYTHONPATH="$SPARK_JOBS_DIR/src" exec "$SPARK_JOBS_DIR/../.cache/venv/spark/bin/python" -m gridata_spark.local_pipeline \
  --workdir "$WORKDIR" "$@"
