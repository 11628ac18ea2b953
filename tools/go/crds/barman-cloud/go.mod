// Pins github.com/cloudnative-pg/plugin-barman-cloud, whose module ships its CRD manifests (its API package cannot be compiled here: see ../sources.tsv).
module gridata.local/tools/go/crds/barman-cloud

go 1.24.0

require github.com/cloudnative-pg/plugin-barman-cloud v0.15.0
