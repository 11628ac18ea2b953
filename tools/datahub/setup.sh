#!/usr/bin/env bash
# Creates .cache/venv/datahub from tools/datahub/requirements.lock: the DataHub ingestion library at
# the ingestion image's version, used to validate the rendered recipes against its config models.
# No-op when up to date.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec bash "$repo_root/tools/lib/locked-venv.sh" datahub "$repo_root/tools/datahub/requirements.lock"
