// One Pushgateway (a single replica on purpose: pushes land on one instance, and Prometheus would
// see diverging copies behind a load-balanced Service). Metrics survive container restarts through a
// persistence file on an emptyDir; a rescheduled pod starts empty until the next quality run pushes.
import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { IntOrString, KubeDeployment, KubeService, Quantity } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';
import { imageRef, pinnedImage } from '../shared/images';
import { LABEL, selectorLabels } from '../shared/labels';
import { restrictedContainerSecurityContext, restrictedPodSecurityContext } from '../shared/pod-security';
import { containerResources } from '../shared/resources';
import { PUSHGATEWAY_NAME, PUSHGATEWAY_NAMESPACE, PUSHGATEWAY_PORT } from './constants';

/** The image's `nobody` user. */
export const PUSHGATEWAY_UID = 65534;
const DATA_DIR = '/data';
const SKIP_DRY_RUN = { 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' };

export const pushgatewayPodLabels = (env: Environment) => selectorLabels(env.name, { name: PUSHGATEWAY_NAME, component: 'server' });

export function renderPushgateway(scope: Construct, env: Environment): void {
  const labels = { [LABEL.name]: PUSHGATEWAY_NAME, [LABEL.component]: 'server' };
  const podLabels = pushgatewayPodLabels(env);
  const probe = { httpGet: { path: '/-/ready', port: IntOrString.fromString('http') }, periodSeconds: 10, timeoutSeconds: 3 };
  new KubeDeployment(scope, 'deployment', {
    metadata: { name: PUSHGATEWAY_NAME, namespace: PUSHGATEWAY_NAMESPACE, labels },
    spec: {
      replicas: 1,
      // Never two at once: the old pod's persistence file is not shared with the new one anyway.
      strategy: { type: 'Recreate' },
      selector: { matchLabels: podLabels },
      template: {
        metadata: { labels: podLabels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurityContext(PUSHGATEWAY_UID),
          containers: [
            {
              name: 'pushgateway',
              image: imageRef(pinnedImage(env, 'monitoring', 'pushgateway')),
              // Always: a pod only starts with an image its pull credentials can still fetch (registry check is a cheap manifest HEAD).
              imagePullPolicy: 'Always',
              args: [`--web.listen-address=:${PUSHGATEWAY_PORT}`, `--persistence.file=${DATA_DIR}/metrics`, '--persistence.interval=1m'],
              ports: [{ name: 'http', containerPort: PUSHGATEWAY_PORT, protocol: 'TCP' }],
              readinessProbe: probe,
              livenessProbe: { ...probe, httpGet: { path: '/-/healthy', port: IntOrString.fromString('http') }, failureThreshold: 6 },
              resources: containerResources(env.sizing.monitoring.pushgateway),
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [{ name: 'data', mountPath: DATA_DIR }],
            },
          ],
          volumes: [{ name: 'data', emptyDir: { sizeLimit: Quantity.fromString('64Mi') } }],
        },
      },
    },
  });
  new KubeService(scope, 'service', {
    metadata: { name: PUSHGATEWAY_NAME, namespace: PUSHGATEWAY_NAMESPACE, labels },
    spec: { selector: podLabels, ports: [{ name: 'http', port: PUSHGATEWAY_PORT, targetPort: IntOrString.fromString('http'), protocol: 'TCP' }] },
  });
  new ApiObject(scope, 'service-monitor', {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: PUSHGATEWAY_NAME, namespace: PUSHGATEWAY_NAMESPACE, labels: { ...labels, [LABEL.component]: 'service-monitor' }, annotations: SKIP_DRY_RUN },
    spec: {
      selector: { matchLabels: podLabels },
      namespaceSelector: { matchNames: [PUSHGATEWAY_NAMESPACE] },
      // Keep the pushers' job/instance labels instead of the scrape target's.
      endpoints: [{ port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s', honorLabels: true }],
    },
  });
}
