import type { ComponentDefinition } from '../shared/component';
import { chartVersion } from '../shared/images';
import { renderClusters } from './cluster';
import { postgresSecrets } from './vault-consumers';
import { postgresFlows } from './flows';

export const postgresComponent: ComponentDefinition = {
  id: 'postgres',
  description: 'CloudNativePG clusters: Airflow metadata DB and the Iceberg catalog DB, with backups to the object store',
  namespace: 'cnpg-system',
  project: 'data',
  // Operator CRDs first; owner credentials come from VSO; backups need the object store and its users.
  dependsOn: ['cnpg', 'vault-secrets-operator', 'object-store'],
  version: (env) => chartVersion(env, 'cnpg'),
  render: (scope, { env }) => renderClusters(scope, env),
  vaultConsumers: postgresSecrets,
  flows: postgresFlows,
};
