// The Pushgateway's NetworkPolicies are generated from the flows declared for it (charts/pushgateway/flows.ts,
// and the Spark drivers' push in charts/pipelines/flows.ts).
export {};
