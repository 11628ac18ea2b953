// Airflow's NetworkPolicies are generated from the flows it declares (charts/airflow/flows.ts).
export const DATAHUB_GMS_PORT = 8080;
