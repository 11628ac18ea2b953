# Installs the npm dependencies exactly as locked, once per lock-file change.
# Sourced by tools/render-all.sh and tools/test-all.sh from the repository root.
lock_stamp="node_modules/.gridata-lock.sha256"
wanted="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$lock_stamp" || "$(cat "$lock_stamp")" != "$wanted" ]]; then
  echo "[setup] npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
  echo "$wanted" > "$lock_stamp"
fi
