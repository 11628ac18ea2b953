// PgBouncer for the metadata DB (staging/prod: features.pgbouncer) as a CloudNativePG Pooler: the
// operator wires it to the cluster's credentials, so no database password appears in any value.
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { Environment } from '../../environments/types';
import { LABEL } from '../shared/labels';
import { restrictedContainerSecurityContext } from '../shared/pod-security';
import { valuesResources } from '../shared/resources';
import { METADATA_DB_CLUSTER, METADATA_DB_NAMESPACE, METADATA_DB_POOLER } from './constants';

export const POOLER_LABELS = { 'cnpg.io/poolerName': METADATA_DB_POOLER };
/** The PgBouncer exporter CloudNativePG runs in every Pooler pod (its PodMonitor scrapes it). */
export const POOLER_METRICS_PORT = 9127;

export function renderPooler(scope: Construct, env: Environment): void {
  if (!env.features.pgbouncer) return;
  const sizing = env.sizing.airflow.pgbouncer;
  const labels = { [LABEL.name]: 'airflow', [LABEL.component]: 'pgbouncer' };
  new ApiObject(scope, 'metadata-db-pooler', {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Pooler',
    // A Pooler sits in its Cluster's namespace.
    metadata: { name: METADATA_DB_POOLER, namespace: METADATA_DB_NAMESPACE, labels },
    spec: {
      cluster: { name: METADATA_DB_CLUSTER },
      instances: sizing.replicas ?? 1,
      type: 'rw',
      pgbouncer: {
        // Airflow holds no session state across transactions.
        poolMode: 'transaction',
        parameters: { max_client_conn: '500', default_pool_size: '25' },
      },
      monitoring: { enablePodMonitor: env.features.monitoring },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'pgbouncer', resources: valuesResources(sizing), securityContext: restrictedContainerSecurityContext() }],
        },
      },
    },
  });
}
