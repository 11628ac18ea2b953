// Polaris's NetworkPolicies are generated from the flows declared for it (charts/iceberg-catalog/flows.ts
// and its clients': Spark drivers, DataHub's Iceberg ingestion; Airflow never calls it).
export const POLARIS_MANAGEMENT_PORT = 8182;
