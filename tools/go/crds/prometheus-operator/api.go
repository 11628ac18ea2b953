//go:build crdgen

// Package crdgen only pins the API package whose CRDs are generated.
package crdgen

import _ "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
