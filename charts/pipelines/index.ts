import type { ComponentDefinition } from '../shared/component';
import { SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { pinnedImage } from '../shared/images';
import { renderPipelines } from './render';
import { sparkVaultWorkload } from './vault-agent';
import { pipelinesFlows } from './flows';

export const pipelinesComponent: ComponentDefinition = {
  id: 'pipelines',
  description: 'SparkApplication specs per job (reviewed here, submitted by Airflow), their ConfigMap and NetworkPolicies',
  namespace: SPARK_JOBS_NAMESPACE,
  project: 'data',
  // Everything a job needs at run time: the operator (CRD, webhook, ServiceAccounts), Vault roles,
  // object-store users and the catalog.
  dependsOn: ['namespaces', 'spark-operator', 'vault-config', 'object-store', 'iceberg-catalog'],
  version: (env) => pinnedImage(env, 'pipelines', 'sparkJobs').tag,
  render: renderPipelines,
  vaultConsumers: (env) => [sparkVaultWorkload(env, 'driver'), sparkVaultWorkload(env, 'executor')],
  flows: pipelinesFlows,
};
