// DataHub as two Argo CD Applications in the datahub namespace:
// - datahub-prerequisites (OpenSearch, MySQL, Kafka) syncs first: a separate release because the
//   datahub chart's system-update hook needs these running, a component has one Helm source, and
//   production may later swap them for managed services without touching DataHub itself;
// - datahub (GMS, frontend, actions, system-update) plus our ingestion CronJobs, recipes,
//   NetworkPolicies and PDBs.
// Both depend on VSO (their Secrets) and Vault's configuration (the ingestion jobs' roles).
import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { DATAHUB_CHART_REPO, DATAHUB_NAMESPACE, DATAHUB_RELEASE, PREREQUISITES_RELEASE } from './constants';
import { renderDisruptionBudgets } from './disruption-budgets';
import { renderIngestion } from './ingestion';
import { datahubFlows, prerequisitesFlows } from './flows';
import { datahubPodTokens } from './pod-tokens';
import { prerequisitesPostRender } from './prerequisites-post-render';
import { prerequisitesValues } from './prerequisites-values';
import { datahubValues, datahubVersion } from './values';
import { datahubVaultConsumers } from './vault-consumers';

export function prerequisitesChartVersion(env: Parameters<ComponentDefinition['version']>[0]): string {
  const version = env.versions.datahub.prerequisitesChart;
  if (!version) throw new Error(`environments/${env.name}.yaml: /versions/datahub/prerequisitesChart: expected a chart version, found nothing`);
  return version;
}

export const datahubPrerequisitesComponent: ComponentDefinition = {
  id: 'datahub-prerequisites',
  description: 'DataHub prerequisites chart: OpenSearch, MySQL and KRaft Kafka with VSO-synced passwords',
  namespace: DATAHUB_NAMESPACE,
  project: 'data',
  dependsOn: ['namespaces', 'vault-secrets-operator'],
  enabled: (env) => env.features.datahub,
  version: prerequisitesChartVersion,
  helm: ({ env }) => ({
    repoURL: DATAHUB_CHART_REPO,
    chart: 'datahub-prerequisites',
    version: prerequisitesChartVersion(env),
    releaseName: PREREQUISITES_RELEASE,
    values: prerequisitesValues(env),
    postRender: prerequisitesPostRender,
  }),
  flows: () => prerequisitesFlows(),
};

export const datahubComponent: ComponentDefinition = {
  id: 'datahub',
  description: 'DataHub (token auth, VSO secrets) with our Iceberg and S3 ingestion CronJobs, NetworkPolicies and PDBs',
  namespace: DATAHUB_NAMESPACE,
  project: 'data',
  // The ingestion jobs read the catalog and the object store with credentials those components provision.
  dependsOn: ['datahub-prerequisites', 'vault-config', 'vault-secrets-operator', 'object-store', 'iceberg-catalog'],
  enabled: (env) => env.features.datahub,
  version: datahubVersion,
  render: (scope, { env }) => {
    renderIngestion(scope, env);
    renderDisruptionBudgets(scope, env);
  },
  helm: ({ env }) => ({
    repoURL: DATAHUB_CHART_REPO,
    chart: 'datahub',
    version: chartVersion(env, 'datahub'),
    releaseName: DATAHUB_RELEASE,
    values: datahubValues(env),
    postRender: datahubPodTokens,
  }),
  vaultConsumers: datahubVaultConsumers,
  flows: datahubFlows,
};
