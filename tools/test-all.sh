#!/usr/bin/env bash
# Sets up everything (npm packages, Python virtualenvs, Maven jars, Go-built tools — all cached
# under node_modules/ and .cache/) and runs every test of the repository. Exits non-zero on the
# first failing stage.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source tools/lib/node-setup.sh
source tools/lib/chart-setup.sh

stage() { printf '\n==> %s\n' "$*"; }

stage "type-check (tsc)"
npm run --silent typecheck

stage "dist/ is exactly what the renderer produces"
npm run --silent check:dist

stage "policies over every environment"
npm run --silent policy

stage "vitest unit project (schema, rendering, policies, charts, tools)"
npm run --silent test

stage "Go-built tools (kube-apiserver, etcd, controller-gen, kube-score, promtool, amtool; cached in .cache/go)"
bash tools/go/build.sh

stage "vitest integration project (git repositories, promtool, kube-apiserver, provisioning scripts)"
npm run --silent test:integration

stage "every rendered document dry-run applied to a throwaway kube-apiserver with the operators' CRDs"
npm run --silent validate:local

# Argo CD v3.6.1 syncing a served clone into a throwaway control plane (decision 0043), for each
# environment in GRIDATA_ARGOCD_ENVS: dev by default; "dev staging prod" for all; "" to skip.
# The first run builds Argo CD from the Go module proxy (cached with the other Go tools).
for argocd_env in ${GRIDATA_ARGOCD_ENVS-dev}; do
  stage "the GitOps loop on a real Argo CD ($argocd_env): bootstrap, waves, projects, ignoreDifferences, promotion, pruning"
  npm run --silent validate:argocd -- --env "$argocd_env"
done

stage "kube-score over dist/ (findings fixed or exempted per object in policies/exemptions/)"
npm run --silent lint:k8s

stage "Spark jobs on local Spark + Iceberg (pytest)"
bash spark-jobs/scripts/test.sh

stage "Airflow DAGs on real Airflow (pytest)"
bash dags/scripts/test.sh

stage "DataHub ingestion recipes against the ingestion library's config models (pytest + dist/)"
bash tools/datahub/setup.sh
.cache/venv/datahub/bin/python -m pytest -q -p no:cacheprovider tools/datahub/tests
.cache/venv/datahub/bin/python tools/datahub/validate_recipes.py --dist dist
