// Flows of the CloudNativePG operator: it calls the API server and each instance's status endpoint
// in the namespaces that hold clusters; the API server calls its webhooks; Prometheus scrapes it.
import type { Environment } from '../../environments/types';
import { kubeApiServer, tcp, toKubeApiServer, workload, type Flow } from '../shared/flows';
import { scrapedBy } from '../monitoring/flows';
import { POSTGRES_CLUSTERS } from '../postgres/clusters';
import { postgresInstances } from '../postgres/flows';
import { CNPG_NAMESPACE, INSTANCE_STATUS_PORT } from './network-policies';
import { CNPG_OPERATOR_POD_LABELS } from './values';

export const WEBHOOK_PORT = 9443;
export const cnpgOperator = () => workload('cnpg', CNPG_NAMESPACE, 'cnpg-operator', CNPG_OPERATOR_POD_LABELS);

export function cnpgFlows(env: Environment): Flow[] {
  return [
    toKubeApiServer(env, cnpgOperator(), 'The operator reconciles clusters, poolers and backups'),
    tcp(kubeApiServer(env), cnpgOperator(), WEBHOOK_PORT, "The API server calls the operator's validating and mutating webhooks"),
    ...POSTGRES_CLUSTERS.map((c) => tcp(cnpgOperator(), postgresInstances(c), INSTANCE_STATUS_PORT, `The operator polls the status of ${c.name}'s instances`)),
    ...scrapedBy(env, cnpgOperator(), 8080, 'the CloudNativePG operator'),
  ];
}
