import type { ComponentDefinition } from '../shared/component';
import { OBJECT_STORE_NAMESPACE } from '../shared/endpoints';
import { renderProvisioning } from './provisioning-job';
import { renderServer } from './server';
import { renderServiceMonitor } from './service-monitor';
import { minioServerSecrets, provisionerAccess } from './vault-consumers';
import { objectStoreFlows } from './flows';

export const objectStoreComponent: ComponentDefinition = {
  id: 'object-store',
  description: 'MinIO (ours): StatefulSet, Services, buckets, lifecycle, per-service users and policies',
  namespace: OBJECT_STORE_NAMESPACE,
  project: 'data',
  dependsOn: ['vault-config'],
  version: (env) => env.versions.objectStore.images!.minio!.tag,
  render: (scope, { env }) => {
    renderServer(scope, env);
    renderProvisioning(scope, env);
    if (env.features.monitoring) renderServiceMonitor(scope, env);
  },
  vaultConsumers: (env) => [minioServerSecrets(env), provisionerAccess(env)],
  flows: objectStoreFlows,
};
