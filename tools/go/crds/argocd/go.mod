// Pins github.com/argoproj/argo-cd/v3, whose module ships its CRD manifests (its API package cannot be compiled here: see ../sources.tsv).
module gridata.local/tools/go/crds/argocd

go 1.24.0

require github.com/argoproj/argo-cd/v3 v3.4.4
