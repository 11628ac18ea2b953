// kube-score / kube-linter exemptions, part of the repository's one exemption list
// (policies/exemptions.ts) and judged by `npm run lint:k8s`; the tools' own ignore annotations
// and config files are deliberately switched off. Rule ids: "kube-score:<check id>" / "kube-linter:<check name>".
import type { Exemption } from './types';

const REVIEW_BY = '2027-03-31';

/**
 * kube-score checks that a NetworkPolicy selects pods among the objects it is given. In these
 * namespaces the pods are made by upstream charts that Argo CD renders at sync time (or by an
 * operator from a custom resource), so they never appear in dist/ and the check cannot be judged.
 * Each policy is listed by name so a new one is triaged, not waved through.
 */
const POLICIES_FOR_PODS_OUTSIDE_DIST: Record<string, { podsFrom: string; policies: string[] }> = {
  // Generated from the declared flows (charts/shared/flows.ts); the flow proof (npm run flows) models
  // these pods from their custom resources and pod template, kube-score cannot.
  airflow: {
    podsFrom: "Airflow's KubernetesExecutor (task pods from the pod template file)",
    policies: ['airflow-workers-egress', 'airflow-workers-ingress'],
  },
  // The Airflow metadata DB's own namespace (decision 0040): only CloudNativePG's pods run there.
  'airflow-db': {
    podsFrom: 'CloudNativePG (Postgres instances, bootstrap Jobs, PgBouncer poolers)',
    policies: [
      'allow-dns-egress', 'default-deny', 'airflow-db-instances-egress', 'airflow-db-instances-ingress', 'airflow-db-jobs-egress',
      'airflow-db-join-job-egress', 'airflow-db-pooler-egress', 'airflow-db-pooler-ingress',
    ],
  },
  'iceberg-catalog': {
    podsFrom: 'CloudNativePG (catalog Postgres instances and bootstrap Jobs)',
    policies: ['catalog-db-instances-egress', 'catalog-db-instances-ingress', 'catalog-db-jobs-egress', 'catalog-db-join-job-egress'],
  },
  'spark-jobs': {
    podsFrom: 'the Spark operator (driver and executor pods of SparkApplications)',
    policies: ['allow-dns-egress', 'default-deny', 'spark-driver-egress', 'spark-driver-ingress', 'spark-executor-egress', 'spark-executor-ingress'],
  },
};

export const LINTER_EXEMPTIONS: readonly Exemption[] = Object.entries(POLICIES_FOR_PODS_OUTSIDE_DIST).flatMap(
  ([namespace, { podsFrom, policies }]) =>
    policies.map((name) => ({
      rule: 'kube-score:networkpolicy-targets-pod',
      kind: 'NetworkPolicy',
      namespace,
      name,
      reason: `selects pods made by ${podsFrom}, which are not in dist/ and so invisible to kube-score`,
      expires: REVIEW_BY,
    })),
);

const INGESTION_CRONJOBS = ['datahub-ingestion-iceberg', 'datahub-ingestion-raw', 'datahub-ingestion-curated'];

/** Findings on objects we render that are deliberate, each with its reason. */
export const DELIBERATE_LINTER_EXEMPTIONS: readonly Exemption[] = [
  ...INGESTION_CRONJOBS.map((name) => ({
    rule: 'kube-score:container-security-context-user-group-id',
    kind: 'CronJob',
    namespace: 'datahub',
    name,
    reason:
      'acryldata/datahub-ingestion runs as its image user (uid 1000) whose home holds the installed plugins; a uid above 10000 would lose them. Still non-root, no privilege escalation, all capabilities dropped.',
    expires: REVIEW_BY,
  })),
  {
    rule: 'kube-score:deployment-replicas',
    kind: 'Deployment',
    namespace: 'monitoring',
    name: 'pushgateway',
    reason: 'a Pushgateway keeps pushed metrics in memory: replicas would each hold a different subset, so it runs as one instance by design (results of record live in gridata.quality.check_results)',
    expires: REVIEW_BY,
  },
  {
    rule: 'kube-score:deployment-strategy',
    kind: 'Deployment',
    namespace: 'monitoring',
    name: 'pushgateway',
    reason: 'Recreate on purpose for the single in-memory instance (see deployment-replicas); a rolling update would briefly split pushes across two pods',
    expires: REVIEW_BY,
  },
];
