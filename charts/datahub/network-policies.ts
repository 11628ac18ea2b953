// DataHub's NetworkPolicies are generated from the flows it declares (charts/datahub/flows.ts).
export {};
