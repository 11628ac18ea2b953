#!/usr/bin/env bash
# Sets up the TypeScript toolchain (pinned by package-lock.json) and renders dev, staging and prod
# into dist/<env>/. Safe to rerun: `npm ci` is skipped when node_modules matches the lock file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/lib/node-setup.sh
npm run --silent synth
