#!/usr/bin/env bash
# Builds the pinned Go tools into .cache/go/bin and generates the operators' CRDs into .cache/crds
# (.cache is $GRIDATA_CACHE when set).
# Everything (module cache, build cache, binaries) stays under .cache/go so CI reruns are warm;
# a binary is rebuilt only when its module's go.mod/go.sum (or its build flags) change.
#
# usage: tools/go/build.sh [kube-apiserver|kube-controller-manager|etcd|controller-gen|kube-score|promtool|amtool|helm|argocd|crds ...]
#   (default: all but kube-controller-manager and argocd, which only `npm run validate:argocd` builds)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# GRIDATA_CACHE moves the cache out of the checkout, e.g. so a CI run in a fresh clone stays warm.
cache_root="${GRIDATA_CACHE:-$repo/.cache}"
cache="$cache_root/go"
bin="$cache/bin"
crd_out="$cache_root/crds"
mkdir -p "$bin" "$crd_out"

# Several sessions and test runs may call this at once: one build of a target at a time, others
# wait for that target and reuse it (a lock per target, so a long Argo CD build does not hold up
# an up-to-date check of kube-apiserver; Go's module and build caches are safe to share).
lock() { exec 9> "$cache/.build.$1.lock"; flock 9; }
unlock() { exec 9>&-; }

export GOMODCACHE="$cache/mod" GOPATH="$cache/path" GOCACHE="$cache/build"
export GOFLAGS="-mod=readonly -trimpath" GOTOOLCHAIN=local CGO_ENABLED=0
export GOPROXY="${GOPROXY:-https://proxy.golang.org,direct}"

kube_version=v1.34.4
kube_ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$kube_version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=34 -X k8s.io/component-base/version.gitTreeState=clean"

# name | module dir (under tools/go) | main package | ldflags | build tags | toolchain (default: local)
# promtool is only used for `check rules` / `test rules`: remove_all_sd leaves out the ~25 cloud
# service-discovery SDKs, which are most of its build time.
binaries=(
  "kube-apiserver|controlplane|k8s.io/kubernetes/cmd/kube-apiserver|$kube_ldflags"
  # kube-controller-manager: garbage collection and namespace finalisation for validate:argocd (prune).
  "kube-controller-manager|controller-manager|k8s.io/kubernetes/cmd/kube-controller-manager|$kube_ldflags"
  "etcd|controlplane|go.etcd.io/etcd/server/v3|-s -w"
  "controller-gen|controller-gen|sigs.k8s.io/controller-tools/cmd/controller-gen|-s -w"
  "kube-score|kube-score|github.com/zegl/kube-score/cmd/kube-score|-s -w -X main.version=v1.20.0"
  "promtool|promtool|github.com/prometheus/prometheus/cmd/promtool|-s -w -X github.com/prometheus/common/version.Version=3.16.0|remove_all_sd"
  # amtool at the Alertmanager release kube-prometheus-stack 88.5.3 runs (v0.34.0): check-config and
  # `config routes test` over the rendered Alertmanager configuration.
  "amtool|amtool|github.com/prometheus/alertmanager/cmd/amtool|-s -w -X github.com/prometheus/common/version.Version=0.34.0"
  # helm v3 for tools/charts (`helm template` over the locked charts; docs/decisions/0029).
  "helm|helm|helm.sh/helm/v3/cmd/helm|-s -w -X helm.sh/helm/v3/internal/version.version=v3.22.0 -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  # Argo CD v3.6.1 for validate:argocd (decision 0043): one multi-call binary; its go.mod asks for
  # go 1.27, so the go command fetches go1.27.3 from the module proxy (cached in GOMODCACHE).
  "argocd|argocd|github.com/argoproj/argo-cd/v3/cmd|-s -w -X github.com/argoproj/argo-cd/v3/common.version=3.6.1 -X github.com/argoproj/argo-cd/v3/common.gitTreeState=clean||go1.27.3"
)

log() { printf '[go-build] %s\n' "$*" >&2; }

stamp_of() { # the inputs that decide a rebuild
  local dir="$1"; shift
  cat "$here/$dir/go.mod" "$here/$dir/go.sum" <(printf '%s\n' "$@" "$(go env GOVERSION)") | sha256sum | cut -d' ' -f1
}

build_binary() {
  local name="$1" dir="$2" pkg="$3" ldflags="$4" tags="${5:-}" toolchain="${6:-local}"
  lock "$name"
  local stamp; stamp="$(export GOTOOLCHAIN="$toolchain"; stamp_of "$dir" "$pkg" "$ldflags" ${tags:+"$tags"})"
  if [[ -x "$bin/$name" && "$(cat "$bin/$name.stamp" 2>/dev/null)" == "$stamp" ]]; then
    log "$name: up to date"; unlock; return
  fi
  local start=$SECONDS
  log "$name: building $pkg"
  (cd "$here/$dir" && GOTOOLCHAIN="$toolchain" go build -tags "$tags" -ldflags "$ldflags" -o "$bin/$name.tmp.$$" "$pkg")
  mv "$bin/$name.tmp.$$" "$bin/$name"
  echo "$stamp" > "$bin/$name.stamp"
  log "$name: built in $((SECONDS - start))s"
  unlock
}

generate_crds() {
  build_binary controller-gen controller-gen sigs.k8s.io/controller-tools/cmd/controller-gen "-s -w"
  lock crds
  local operator module version method path env_pin note
  while IFS=$'\t' read -r operator module version method path env_pin note; do
    [[ -z "$operator" || "$operator" == \#* ]] && continue
    local dir="crds/$operator" out="$crd_out/$operator"
    local stamp; stamp="$(stamp_of "$dir" "$module" "$version" "$method" "$path" "$(cat "$bin/controller-gen.stamp")")"
    if [[ -d "$out" && "$(cat "$out/.stamp" 2>/dev/null)" == "$stamp" ]]; then
      log "crds/$operator: up to date"; continue
    fi
    rm -rf "$out.tmp" && mkdir -p "$out.tmp"
    case "$method" in
      generate)
        (cd "$here/$dir" && "$bin/controller-gen" crd:crdVersions=v1,allowDangerousTypes=true \
          "paths=$path" "output:crd:artifacts:config=$out.tmp") ;;
      shipped)
        local module_dir
        module_dir="$(cd "$here/$dir" && go mod download -json "$module@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
        for f in "$module_dir/$path"/*.yaml; do
          grep -q '^kind: CustomResourceDefinition' "$f" && cp "$f" "$out.tmp/"
        done
        chmod u+w "$out.tmp"/* ;;
      *) log "unknown method $method for $operator"; exit 1 ;;
    esac
    printf '%s\t%s\t%s\n' "$module" "$version" "$method" > "$out.tmp/.source"
    echo "$stamp" > "$out.tmp/.stamp"
    rm -rf "$out" && mv "$out.tmp" "$out"
    log "crds/$operator: $(ls "$out" | wc -l) CRDs from $module@$version ($method)"
  done < "$here/crds/sources.tsv"
  unlock
}

targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(kube-apiserver etcd controller-gen kube-score promtool amtool helm crds)
for target in "${targets[@]}"; do
  if [[ "$target" == crds ]]; then generate_crds; continue; fi
  found=""
  for entry in "${binaries[@]}"; do
    IFS='|' read -r name dir pkg ldflags tags toolchain <<< "$entry"
    if [[ "$name" == "$target" ]]; then build_binary "$name" "$dir" "$pkg" "$ldflags" "$tags" "$toolchain"; found=1; fi
  done
  [[ -n "$found" ]] || { log "unknown target $target"; exit 2; }
done
