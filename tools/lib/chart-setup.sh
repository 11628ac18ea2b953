# Makes upstream charts renderable (render/hydrate): builds the pinned helm once (tools/go/build.sh,
# cached). Charts come from GRIDATA_CHART_MIRROR, else the organisation's mirror beside the repository
# (../shared/chart-mirror) when present, else upstream (render/hydrate/supply.ts chartSource).
# Sourced by tools/render-all.sh and tools/test-all.sh from the repository root.
bash tools/go/build.sh helm
