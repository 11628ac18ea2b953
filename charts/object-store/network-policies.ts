// MinIO's NetworkPolicies are generated from the flows declared for it (charts/object-store/flows.ts
// and its clients' `toObjectStore`).
export {};
