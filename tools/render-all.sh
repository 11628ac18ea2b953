#!/usr/bin/env bash
# Sets up the TypeScript toolchain (pinned by package-lock.json) and helm (built from Go, cached),
# and renders dev, staging and prod, upstream charts hydrated, into dist/<env>/.
# Safe to rerun: `npm ci` is skipped when node_modules matches the lock file, helm when built.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/lib/node-setup.sh
source tools/lib/chart-setup.sh
npm run --silent synth
