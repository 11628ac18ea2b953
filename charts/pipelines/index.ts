import type { ComponentDefinition } from '../shared/component';
import { SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { pinnedImage } from '../shared/images';
import { registerVaultConsumers } from '../shared/vault-secrets';
import { renderPipelines } from './render';
import { sparkVaultWorkload } from './vault-agent';

registerVaultConsumers('pipelines', (env) => [sparkVaultWorkload(env, 'driver'), sparkVaultWorkload(env, 'executor')]);

export const pipelinesComponent: ComponentDefinition = {
  id: 'pipelines',
  description: 'SparkApplication specs per job (reviewed here, submitted by Airflow), their ConfigMap and NetworkPolicies',
  namespace: SPARK_JOBS_NAMESPACE,
  project: 'data',
  // Vault roles and object-store users must exist before a job runs; add spark-operator and
  // iceberg-catalog once they are registered. Only components registered in
  // charts/index.ts can be listed here (the render refuses unknown ones).
  dependsOn: ['namespaces', 'vault-config', 'object-store'],
  version: (env) => pinnedImage(env, 'pipelines', 'sparkJobs').tag,
  render: renderPipelines,
};
