//go:build crdgen

// Package crdgen only pins the API package whose CRDs are generated.
package crdgen

import _ "github.com/hashicorp/vault-secrets-operator/api/v1beta1"
