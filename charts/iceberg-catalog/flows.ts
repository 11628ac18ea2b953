// Flows of the Iceberg REST catalog: Polaris uses its database and the object store; the
// provisioning Job bootstraps the catalog through the REST API with credentials from Vault. Clients
// (Spark drivers, DataHub's Iceberg ingestion) declare their own flows to the REST port.
import type { Environment } from '../../environments/types';
import { ICEBERG_CATALOG_NAMESPACE, ICEBERG_CATALOG_PORT, OBJECT_STORE_PORT } from '../shared/endpoints';
import { tcp, workload, type Flow } from '../shared/flows';
import { selectorLabels } from '../shared/labels';
import { scrapedBy } from '../monitoring/flows';
import { minioServer } from '../object-store/flows';
import { POSTGRES_CLUSTERS, POSTGRES_PORT } from '../postgres/clusters';
import { postgresInstances } from '../postgres/flows';
import { toVault } from '../vault/flows';
import { PROVISIONER_SUBJECT } from './catalog-provisioning';
import { POLARIS_MANAGEMENT_PORT } from './network-policies';
import { POLARIS_POD_LABELS } from './values';

const C = 'iceberg-catalog';
export const polaris = () => workload(C, ICEBERG_CATALOG_NAMESPACE, 'polaris', POLARIS_POD_LABELS);
export const polarisProvisioner = (env: Environment) => workload(C, ICEBERG_CATALOG_NAMESPACE, 'polaris-provisioner', selectorLabels(env.name, PROVISIONER_SUBJECT));

export function icebergCatalogFlows(env: Environment): Flow[] {
  const db = POSTGRES_CLUSTERS.find((c) => c.name === 'catalog-db')!;
  return [
    tcp(polaris(), postgresInstances(db), POSTGRES_PORT, 'Polaris keeps the catalog in its database'),
    tcp(polaris(), minioServer(env), OBJECT_STORE_PORT, 'Polaris reads and writes table metadata files'),
    tcp(polarisProvisioner(env), polaris(), ICEBERG_CATALOG_PORT, 'The provisioning Job creates the catalog, principals and grants'),
    toVault(polarisProvisioner(env), 'The provisioning Job reads the root credentials and writes the principals'),
    ...scrapedBy(env, polaris(), POLARIS_MANAGEMENT_PORT, "Polaris's management endpoint"),
  ];
}
