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
  // The Spark pods' Vault roles must exist before a job runs. Only components registered in
  // charts/index.ts can be listed here (the render refuses unknown ones).
  dependsOn: ['namespaces', 'vault-config'],
  version: (env) => pinnedImage(env, 'pipelines', 'sparkJobs').tag,
  render: renderPipelines,
};
