// Flows Spark pods need in spark-jobs beyond the namespace's default-deny and DNS allow:
// driver <-> executors, both -> object store and Vault, the driver -> catalog and Kubernetes API.
import type { Construct } from 'constructs';
import { KubeNetworkPolicy, type NetworkPolicyEgressRule, type NetworkPolicyIngressRule } from 'cdk8s-plus-28/lib/imports/k8s';
import {
  ICEBERG_CATALOG_NAMESPACE,
  ICEBERG_CATALOG_PORT,
  OBJECT_STORE_NAMESPACE,
  OBJECT_STORE_PORT,
  SPARK_JOBS_NAMESPACE,
} from '../shared/endpoints';
import { LABEL } from '../shared/labels';
import { namespacePeer, tcpPorts } from '../shared/network-policy';
import { VAULT_NAMESPACE } from '../shared/vault-secrets';
import { SPARK_PORTS } from './catalog-conf';
import { PUSHGATEWAY_NAME, PUSHGATEWAY_NAMESPACE, PUSHGATEWAY_PORT } from '../pushgateway/constants';

/** Set by Spark itself on every pod it creates. */
export const SPARK_ROLE_LABEL = 'spark-role';
export const VAULT_PORT = 8200;
/** The API server is outside the pod network; its address depends on the cluster, its ports do not. */
export const KUBERNETES_API_PORTS = [443, 6443];

const sparkPods = (...roles: string[]) => ({ matchExpressions: [{ key: SPARK_ROLE_LABEL, operator: 'In', values: roles }] });

interface Flow {
  readonly id: string;
  readonly roles: string[];
  readonly ingress?: NetworkPolicyIngressRule[];
  readonly egress?: NetworkPolicyEgressRule[];
}

function flows(): Flow[] {
  const spark = { podSelector: sparkPods('driver', 'executor') };
  const sparkPorts = tcpPorts(SPARK_PORTS.driver, SPARK_PORTS.blockManager);
  return [
    {
      // Executors register with the driver and fetch blocks from it and from each other.
      id: 'allow-spark-driver-executor',
      roles: ['driver', 'executor'],
      ingress: [{ from: [spark], ports: sparkPorts }],
      egress: [{ to: [spark], ports: sparkPorts }],
    },
    { id: 'allow-spark-object-store-egress', roles: ['driver', 'executor'], egress: [{ to: [namespacePeer(OBJECT_STORE_NAMESPACE)], ports: tcpPorts(OBJECT_STORE_PORT) }] },
    { id: 'allow-spark-vault-egress', roles: ['driver', 'executor'], egress: [{ to: [namespacePeer(VAULT_NAMESPACE)], ports: tcpPorts(VAULT_PORT) }] },
    { id: 'allow-spark-catalog-egress', roles: ['driver'], egress: [{ to: [namespacePeer(ICEBERG_CATALOG_NAMESPACE)], ports: tcpPorts(ICEBERG_CATALOG_PORT) }] },
    // The quality job's driver pushes its metrics to the Pushgateway (GRIDATA_PUSHGATEWAY_URL).
    {
      id: 'allow-spark-driver-pushgateway-egress',
      roles: ['driver'],
      egress: [{ to: [namespacePeer(PUSHGATEWAY_NAMESPACE, { [LABEL.name]: PUSHGATEWAY_NAME })], ports: tcpPorts(PUSHGATEWAY_PORT) }],
    },
    // The driver creates and deletes its executor pods through the API server.
    { id: 'allow-spark-driver-kubernetes-api-egress', roles: ['driver'], egress: [{ ports: tcpPorts(...KUBERNETES_API_PORTS) }] },
  ];
}

export function renderNetworkPolicies(scope: Construct): void {
  for (const flow of flows()) {
    new KubeNetworkPolicy(scope, flow.id, {
      metadata: {
        name: flow.id,
        namespace: SPARK_JOBS_NAMESPACE,
        labels: { [LABEL.name]: 'pipelines', [LABEL.component]: 'network-policy' },
      },
      spec: {
        podSelector: sparkPods(...flow.roles),
        policyTypes: [...(flow.ingress ? ['Ingress'] : []), ...(flow.egress ? ['Egress'] : [])],
        ...(flow.ingress ? { ingress: flow.ingress } : {}),
        ...(flow.egress ? { egress: flow.egress } : {}),
      },
    });
  }
}
