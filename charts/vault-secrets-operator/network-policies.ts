// VSO's NetworkPolicies are generated from the flows it declares (charts/vault-secrets-operator/flows.ts).
export const VSO_NAMESPACE = 'vault-secrets-operator';
