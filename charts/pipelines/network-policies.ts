// The Spark pods' NetworkPolicies are generated from the flows declared for them (charts/pipelines/flows.ts).
/** Set by Spark itself on every pod it creates. */
export const SPARK_ROLE_LABEL = 'spark-role';
