// Argo CD's NetworkPolicies are generated from the flows it declares (charts/argocd/flows.ts); the
// chart's own policies are off (values: global.networkPolicy.create false).
export {};
