// The operator's NetworkPolicies are generated from the flows it declares (charts/cnpg/flows.ts).
export const CNPG_NAMESPACE = 'cnpg-system';
export const INSTANCE_STATUS_PORT = 8000;
