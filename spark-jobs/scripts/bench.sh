#!/usr/bin/env bash
# Benchmark: process_orders and customer_360 on local[2] at each size (default 250k and 1M orders, with
# customers = orders/5, products = orders/25 (min 200) and events = 2 x orders), each in a fresh process, then the
# same work in DuckDB (2 threads) on the same generated input as a yardstick; prints seconds and Spark/DuckDB ratios.
# Usage: bench.sh [size ...]   (e.g. bench.sh 1000000 to run one size)
set -euo pipefail
SPARK_JOBS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$SPARK_JOBS_DIR/scripts/setup.sh"
SIZES=("$@"); [[ ${#SIZES[@]} -gt 0 ]] || SIZES=(250000 1000000)
WORKDIR="${GRIDATA_BENCH_WORKDIR:-/tmp/gridata-bench}"
PY="$SPARK_JOBS_DIR/../.cache/venv/spark/bin/python"
cd "$SPARK_JOBS_DIR"
results=()
for orders in "${SIZES[@]}"; do
  line="$(PYTHONPATH="$SPARK_JOBS_DIR/src" "$PY" -m gridata_spark.bench --orders "$orders" --workdir "$WORKDIR" 2>/dev/null | grep '^BENCH ')"
  echo "$line"
  results+=("${line#BENCH }")
done
"$PY" - "${results[@]}" <<'PYEOF'
import json, sys
runs = [json.loads(a) for a in sys.argv[1:]]
print(f"\n{'orders':>10} {'job':<15} {'spark s':>8} {'duckdb s':>9} {'ratio':>6}  goal (2 cores)")
for run in runs:
    for job, goal in (("process_orders", 2.0), ("customer_360", 3.0)):
        ratio = run[f"{job}_ratio"]
        verdict = (("met" if ratio <= goal else "NOT met") + f" (<= {goal:g}x)") if run["orders"] >= 1_000_000 else ""
        print(f"{run['orders']:>10,} {job:<15} {run[f'{job}_seconds']:>8} {run[f'duckdb_{job}_seconds']:>9} "
              f"{ratio:>5}x  {verdict}")
    agree = "agree" if not run["duckdb_disagreements"] else f"DISAGREE on {run['duckdb_disagreements']}"
    manifest = ("reconciles with" if not run["manifest_disagreements"]
                else f"DIFFERS on {run['manifest_disagreements']} from")
    print(f"{'':>10} process_orders {manifest} the generator manifest ({run['injected_order_kinds']} injected kinds)")
    print(f"{'':>10} Spark and DuckDB results {agree}; 1-min load average {run['load_average_1m_at_start']:.1f}"
          f" -> {run['load_average_1m']:.1f}")
if len(runs) == 2:
    small, large = runs
    print(f"\ngrowth x{large['orders'] / small['orders']:g} data: process_orders "
          f"x{large['process_orders_seconds'] / small['process_orders_seconds']:.2f}, customer_360 "
          f"x{large['customer_360_seconds'] / small['customer_360_seconds']:.2f}")
PYEOF
