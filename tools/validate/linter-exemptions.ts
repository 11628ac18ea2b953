// Interim home of kube-score/kube-linter exemptions, in the shape of policies/exemptions.ts (the
// repository's one exemption mechanism) and read together with it. To be moved there by its owner;
// the tools' own ignore annotations and config files are deliberately switched off.
// Rule ids: "kube-score:<check id>" / "kube-linter:<check name>".
import type { Exemption } from '../../policies/types';

const REVIEW_BY = '2027-03-31';

/**
 * kube-score checks that a NetworkPolicy selects pods among the objects it is given. In these
 * namespaces the pods are made by upstream charts that Argo CD renders at sync time (or by an
 * operator from a custom resource), so they never appear in dist/ and the check cannot be judged.
 * Each policy is listed by name so a new one is triaged, not waved through.
 */
const POLICIES_FOR_PODS_OUTSIDE_DIST: Record<string, { podsFrom: string; policies: string[] }> = {
  airflow: {
    podsFrom: 'the apache-airflow chart and CloudNativePG (Postgres instances, PgBouncer poolers)',
    policies: [
      'allow-dns-egress', 'default-deny', 'airflow-datahub-egress', 'airflow-db-instances', 'airflow-internal',
      'airflow-kube-api-and-git-egress', 'airflow-metadata-db-egress', 'airflow-metadata-db-ingress',
      'airflow-object-store-egress', 'airflow-pgbouncer-egress', 'airflow-pgbouncer-ingress',
      'airflow-statsd-scrape-ingress', 'airflow-vault-egress',
    ],
  },
  argocd: {
    podsFrom: 'the argo-cd chart',
    policies: ['allow-dns-egress', 'default-deny', 'argocd-internal', 'argocd-metrics-ingress', 'argocd-remotes-egress', 'argocd-server-ingress'],
  },
  'cnpg-system': { podsFrom: 'the cloudnative-pg chart', policies: ['allow-dns-egress', 'default-deny', 'cnpg-operator'] },
  datahub: {
    podsFrom: 'the datahub and datahub-prerequisites charts',
    policies: ['datahub-app-egress', 'datahub-gms-ingress', 'datahub-prerequisites-ingress'],
  },
  'iceberg-catalog': {
    podsFrom: 'the polaris chart and CloudNativePG (catalog Postgres instances)',
    policies: ['catalog-db-clients', 'catalog-db-instances', 'polaris'],
  },
  monitoring: {
    podsFrom: 'the kube-prometheus-stack chart',
    policies: ['operator-webhook-ingress', 'prometheus-scrape-egress'],
  },
  'spark-jobs': {
    podsFrom: 'the Spark operator (driver and executor pods of SparkApplications)',
    policies: [
      'allow-dns-egress', 'default-deny', 'allow-spark-catalog-egress', 'allow-spark-driver-executor',
      'allow-spark-driver-kubernetes-api-egress', 'allow-spark-driver-pushgateway-egress', 'allow-spark-object-store-egress',
      'allow-spark-vault-egress',
    ],
  },
  'spark-operator': {
    podsFrom: 'the spark-operator chart',
    policies: ['allow-dns-egress', 'default-deny', 'spark-operator-controller', 'spark-operator-webhook'],
  },
  vault: { podsFrom: 'the vault chart (server and agent injector)', policies: ['vault-agent-injector', 'vault-server'] },
  'vault-secrets-operator': {
    podsFrom: 'the vault-secrets-operator chart',
    policies: ['allow-dns-egress', 'default-deny', 'vault-secrets-operator'],
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
