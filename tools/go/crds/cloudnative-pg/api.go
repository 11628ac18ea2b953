//go:build crdgen

// Package crdgen only pins the API package whose CRDs are generated.
package crdgen

import _ "github.com/cloudnative-pg/cloudnative-pg/api/v1"
