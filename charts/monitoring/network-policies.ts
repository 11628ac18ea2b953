// The monitoring namespace's NetworkPolicies are generated from the flows declared for it
// (charts/monitoring/flows.ts and every component's scrapes, `scrapedBy`).
export {};
