#!/usr/bin/env bash
# Setup (cached) then the full pytest suite on real local Spark + Iceberg. Extra arguments go to pytest.
set -euo pipefail
SPARK_JOBS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$SPARK_JOBS_DIR/scripts/setup.sh"
cd "$SPARK_JOBS_DIR"
exec "$SPARK_JOBS_DIR/../.cache/venv/spark/bin/python" -m pytest "$@"
