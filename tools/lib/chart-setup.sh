# Makes upstream charts renderable (render/hydrate): builds the pinned helm once (tools/go/build.sh,
# cached) and, when no chart mirror is configured, uses the organisation's mirror beside the
# repository (../shared/chart-mirror) if there is one; without either, charts come from upstream.
# Sourced by tools/render-all.sh and tools/test-all.sh from the repository root.
if [[ -z "${GRIDATA_CHART_MIRROR:-}" && -f ../shared/chart-mirror/index.yaml ]]; then
  GRIDATA_CHART_MIRROR="$(cd ../shared/chart-mirror && pwd)"
  export GRIDATA_CHART_MIRROR
fi
bash tools/go/build.sh helm
