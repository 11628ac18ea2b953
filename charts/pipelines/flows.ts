// Flows of the Spark jobs (pods the operator starts from the SparkApplications the DAGs submit):
// executors register with the driver and exchange blocks; both read and write the object store and
// log in to Vault (agent init container); the driver uses the Iceberg REST catalog, creates its
// executors through the API server and (quality jobs) pushes metrics to the Pushgateway. Job code:
// nothing reaches the internet.
import type { Environment } from '../../environments/types';
import { ICEBERG_CATALOG_PORT, OBJECT_STORE_PORT, SPARK_JOBS_NAMESPACE } from '../shared/endpoints';
import { tcp, toKubeApiServer, workload, type Flow } from '../shared/flows';
import { minioServer } from '../object-store/flows';
import { polaris } from '../iceberg-catalog/flows';
import { pushgateway } from '../pushgateway/flows';
import { PUSHGATEWAY_PORT } from '../pushgateway/constants';
import { toVault } from '../vault/flows';
import { SPARK_PORTS } from './catalog-conf';

const C = 'pipelines';
export const sparkDrivers = () => workload(C, SPARK_JOBS_NAMESPACE, 'spark-driver', { 'spark-role': 'driver' });
export const sparkExecutors = () => workload(C, SPARK_JOBS_NAMESPACE, 'spark-executor', { 'spark-role': 'executor' });

export function pipelinesFlows(env: Environment): Flow[] {
  const driver = sparkDrivers();
  const executor = sparkExecutors();
  return [
    tcp(executor, driver, SPARK_PORTS.driver, 'Executors register with the driver (RPC)'),
    tcp(executor, driver, SPARK_PORTS.blockManager, "Executors fetch blocks from the driver's block manager"),
    tcp(driver, executor, SPARK_PORTS.blockManager, 'The driver fetches blocks and results from executors'),
    tcp(executor, executor, SPARK_PORTS.blockManager, 'Executors fetch shuffle blocks from each other'),
    ...[driver, executor].flatMap((w) => [
      tcp(w, minioServer(env), OBJECT_STORE_PORT, `The ${w.name} reads and writes table data (S3)`),
      toVault(w, `The ${w.name}'s Vault agent init container fetches its S3 and catalog credentials`),
    ]),
    tcp(driver, polaris(), ICEBERG_CATALOG_PORT, 'The driver loads and commits Iceberg tables through the REST catalog'),
    toKubeApiServer(env, driver, 'The driver creates and deletes its executor pods'),
    ...(env.features.monitoring ? [tcp(driver, pushgateway(env), PUSHGATEWAY_PORT, 'The quality job pushes its data-quality metrics')] : []),
  ];
}
