// Prometheus scrapes MinIO's cluster metrics (public: MINIO_PROMETHEUS_AUTH_TYPE, reachable only
// from the monitoring namespace by NetworkPolicy).
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import type { Environment } from '../../environments/types';
import { OBJECT_STORE_NAMESPACE } from '../shared/endpoints';
import { LABEL, selectorLabels } from '../shared/labels';
import { SERVER_SUBJECT } from './server';

export function renderServiceMonitor(scope: Construct, env: Environment): void {
  new ApiObject(scope, 'minio-servicemonitor', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: 'minio', namespace: OBJECT_STORE_NAMESPACE, labels: { [LABEL.name]: SERVER_SUBJECT.name, [LABEL.component]: 'metrics' } },
    spec: {
      selector: { matchLabels: selectorLabels(env.name, SERVER_SUBJECT) },
      namespaceSelector: { matchNames: [OBJECT_STORE_NAMESPACE] },
      endpoints: [
        { port: 'api', path: '/minio/v2/metrics/cluster', interval: '30s', scrapeTimeout: '10s', scheme: 'http' },
      ],
    },
  });
}
