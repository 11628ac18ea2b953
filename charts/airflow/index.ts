import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { AIRFLOW_CHART_REPO, AIRFLOW_NAMESPACE, AIRFLOW_RELEASE } from './constants';
import { airflowPostRender } from './post-render';
import { renderPooler } from './pooler';
import { renderPools } from './pools';
import { renderSparkRbac } from './spark-rbac';
import { renderTaskLauncherRbac } from './task-launcher-rbac';
import { airflowValues } from './values';
import { airflowVaultConsumers } from './vault';
import { airflowFlows } from './flows';

export const airflowComponent: ComponentDefinition = {
  id: 'airflow',
  description: 'Airflow 3 (official chart, KubernetesExecutor) with Vault-backed secrets, Spark RBAC and NetworkPolicies',
  namespace: AIRFLOW_NAMESPACE,
  project: 'data',
  // Vault roles, VSO-synced secrets and the metadata DB (CNPG, also the Pooler CRD) must exist before
  // the pods start; the specs ConfigMap comes from pipelines.
  dependsOn: ['vault-config', 'vault-secrets-operator', 'postgres', 'pipelines'],
  version: (env) => chartVersion(env, 'airflow'),
  render: (scope, { env }) => {
    renderTaskLauncherRbac(scope);
    renderSparkRbac(scope);
    renderPooler(scope, env);
    renderPools(scope, env);
  },
  helm: ({ env }) => ({
    repoURL: AIRFLOW_CHART_REPO,
    chart: 'airflow',
    version: chartVersion(env, 'airflow'),
    releaseName: AIRFLOW_RELEASE,
    values: airflowValues(env),
    postRender: airflowPostRender,
  }),
  vaultConsumers: airflowVaultConsumers,
  flows: airflowFlows,
};
