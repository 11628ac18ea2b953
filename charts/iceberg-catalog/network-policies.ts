// Polaris serves the REST API to Spark, Airflow and DataHub, metrics to Prometheus, and reaches
// only its database and the object store; the database admits Polaris.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { ICEBERG_CATALOG_NAMESPACE, ICEBERG_CATALOG_PORT, OBJECT_STORE_NAMESPACE, OBJECT_STORE_PORT, SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { LABEL, selectorLabels } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { POSTGRES_PORT } from '../postgres/clusters';
import { PROVISIONER_SUBJECT } from './catalog-provisioning';
import { POLARIS_POD_LABELS } from './values';
import { CATALOG_DB } from './vault-consumers';

export const POLARIS_MANAGEMENT_PORT = 8182;

export function catalogClientNamespaces(env: Environment): string[] {
  return [SPARK_JOBS_NAMESPACE, 'airflow', ...(env.features.datahub ? ['datahub'] : [])].sort();
}

export function renderCatalogNetworkPolicies(scope: Construct, env: Environment): void {
  const labels = { [LABEL.name]: 'polaris', [LABEL.component]: 'network-policy' };
  const dbPods = { 'cnpg.io/cluster': CATALOG_DB.name };
  new KubeNetworkPolicy(scope, 'polaris-netpol', {
    metadata: { name: 'polaris', namespace: ICEBERG_CATALOG_NAMESPACE, labels },
    spec: {
      podSelector: { matchLabels: POLARIS_POD_LABELS },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: catalogClientNamespaces(env).map((ns) => namespacePeer(ns)), ports: tcpPorts(ICEBERG_CATALOG_PORT) },
        { from: [{ podSelector: { matchLabels: selectorLabels(env.name, PROVISIONER_SUBJECT) } }], ports: tcpPorts(ICEBERG_CATALOG_PORT) },
        ...(env.features.monitoring ? [{ from: [namespacePeer('monitoring')], ports: tcpPorts(POLARIS_MANAGEMENT_PORT) }] : []),
      ],
      egress: [
        { to: [{ podSelector: { matchLabels: dbPods } }], ports: tcpPorts(POSTGRES_PORT) },
        { to: [namespacePeer(OBJECT_STORE_NAMESPACE)], ports: tcpPorts(OBJECT_STORE_PORT) },
      ],
    },
  });
  new KubeNetworkPolicy(scope, 'catalog-db-clients-netpol', {
    metadata: { name: 'catalog-db-clients', namespace: ICEBERG_CATALOG_NAMESPACE, labels },
    spec: {
      podSelector: { matchLabels: dbPods },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: POLARIS_POD_LABELS } }], ports: tcpPorts(POSTGRES_PORT) }],
    },
  });
}
