//go:build crdgen

// Package crdgen only pins the API package whose CRDs are generated.
package crdgen

import _ "github.com/kubeflow/spark-operator/v2/api/v1beta2"
