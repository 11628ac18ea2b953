// Flows of the Spark operator: the controller (spark-submit runs inside it) and the webhook call the
// API server, which calls the webhook; Prometheus scrapes both.
import type { Environment } from '../../environments/types';
import { kubeApiServer, tcp, toKubeApiServer, workload, type Flow } from '../shared/flows';
import { scrapedBy } from '../monitoring/flows';
import { SPARK_OPERATOR_NAMESPACE } from './objects';
import { SPARK_OPERATOR_RELEASE } from './values';

const pods = (component: string) =>
  workload('spark-operator', SPARK_OPERATOR_NAMESPACE, `spark-operator-${component}`, {
    'app.kubernetes.io/name': SPARK_OPERATOR_RELEASE,
    'app.kubernetes.io/instance': SPARK_OPERATOR_RELEASE,
    'app.kubernetes.io/component': component,
  });
export const sparkOperatorController = () => pods('controller');
export const sparkOperatorWebhook = () => pods('webhook');
export const WEBHOOK_PORT = 9443;
export const METRICS_PORT = 8080;

export function sparkOperatorFlows(env: Environment): Flow[] {
  return [
    toKubeApiServer(env, sparkOperatorController(), 'The controller submits applications (spark-submit) and tracks their pods'),
    toKubeApiServer(env, sparkOperatorWebhook(), 'The webhook manages its certificate and webhook configurations'),
    tcp(kubeApiServer(env), sparkOperatorWebhook(), WEBHOOK_PORT, 'The API server calls the mutating and validating webhooks'),
    ...scrapedBy(env, sparkOperatorController(), METRICS_PORT, 'the Spark operator controller'),
    ...scrapedBy(env, sparkOperatorWebhook(), METRICS_PORT, 'the Spark operator webhook'),
  ];
}
