#!/usr/bin/env bash
# Benchmark: process_orders and customer_360 on local[2] at two sizes (default 250k and 1M orders, with
# customers = orders/5, products = orders/25 (min 200) and events = 2 x orders), each in a fresh process; prints rows/s and the growth factor.
# Usage: bench.sh [small_orders] [large_orders]
set -euo pipefail
SPARK_JOBS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$SPARK_JOBS_DIR/scripts/setup.sh"
SMALL="${1:-250000}" LARGE="${2:-1000000}"
WORKDIR="${GRIDATA_BENCH_WORKDIR:-/tmp/gridata-bench}"
PY="$SPARK_JOBS_DIR/../.cache/venv/spark/bin/python"
cd "$SPARK_JOBS_DIR"
results=()
for orders in "$SMALL" "$LARGE"; do
  line="$(PYTHONPATH="$SPARK_JOBS_DIR/src" "$PY" -m gridata_spark.bench --orders "$orders" --workdir "$WORKDIR" 2>/dev/null | grep '^BENCH ')"
  echo "$line"
  results+=("${line#BENCH }")
done
"$PY" - "${results[@]}" <<'PYEOF'
import json, sys
small, large = (json.loads(a) for a in sys.argv[1:3])
size = large["orders"] / small["orders"]
print(f"\n{'':<22}{small['orders']:>12,}{large['orders']:>12,}  growth (size x{size:g})")
for key, label in (("process_orders_seconds", "process_orders s"), ("process_orders_rows_per_second", "  rows/s"),
                   ("customer_360_seconds", "customer_360 s"), ("customer_360_customers_per_second", "  customers/s")):
    growth = f"x{large[key] / small[key]:.2f}" if key.endswith("seconds") and not key.endswith("per_second") else ""
    print(f"{label:<22}{small[key]:>12,}{large[key]:>12,}  {growth}")
goal = "met" if large["orders"] >= 1_000_000 and large["process_orders_seconds"] < 60 else "not met"
print(f"\ngoal 1M orders through process_orders < 60 s on 2 cores: {goal}"
      f" (1-min load average before/after the timed jobs: {small['load_average_1m_at_start']:.1f}/{small['load_average_1m']:.1f}"
      f" and {large['load_average_1m_at_start']:.1f}/{large['load_average_1m']:.1f})")
PYEOF
