import type { ComponentDefinition } from '../shared/component';
import { ICEBERG_CATALOG_NAMESPACE } from '../shared/endpoints';
import { chartVersion } from '../shared/images';
import { provisionerAccess, renderCatalogProvisioning } from './catalog-provisioning';
import { polarisWithoutApiToken } from './post-render';
import { POLARIS_RELEASE, polarisValues } from './values';
import { catalogSecrets } from './vault-consumers';
import { icebergCatalogFlows } from './flows';

export const POLARIS_HELM_REPO = 'https://downloads.apache.org/polaris/helm-chart';

export const icebergCatalogComponent: ComponentDefinition = {
  id: 'iceberg-catalog',
  description: 'Apache Polaris Iceberg REST catalog on the CloudNativePG catalog DB',
  namespace: ICEBERG_CATALOG_NAMESPACE,
  project: 'data',
  dependsOn: ['postgres', 'object-store', 'vault-secrets-operator'],
  version: (env) => chartVersion(env, 'icebergCatalog'),
  render: (scope, { env }) => {
    renderCatalogProvisioning(scope, env);
  },
  helm: ({ env }) => ({
    repoURL: POLARIS_HELM_REPO,
    chart: 'polaris',
    version: chartVersion(env, 'icebergCatalog'),
    releaseName: POLARIS_RELEASE,
    values: polarisValues(env),
    // No chart value reaches automountServiceAccountToken (post-render.ts).
    postRender: polarisWithoutApiToken,
  }),
  vaultConsumers: (env) => [...catalogSecrets(env), provisionerAccess(env)],
  flows: icebergCatalogFlows,
};
