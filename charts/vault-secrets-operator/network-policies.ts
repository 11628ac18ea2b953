// VSO's NetworkPolicies are generated from the flows it declares (charts/vault-secrets-operator/flows.ts).
export const VSO_NAMESPACE = 'vault-secrets-operator';
/** kube-rbac-proxy in front of the controller's metrics (the chart's metrics Service, https). */
export const VSO_METRICS_PORT = 8443;
/** Labels the chart puts on the controller-manager pods. */
export const VSO_POD_LABELS = { 'app.kubernetes.io/name': 'vault-secrets-operator', 'control-plane': 'controller-manager' };
