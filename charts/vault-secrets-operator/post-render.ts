// Post-render steps for the vault-secrets-operator chart (1.4), for what no chart value reaches.
import { podTokenFromServiceAccount } from '../shared/service-account-token';
import { VSO_RELEASE } from './values';

type Json = Record<string, any>;

/**
 * The chart's hook Jobs and the component label their pods get, so a NetworkPolicy can select
 * each of them: the chart gives their pod templates no labels at all (and no value for any).
 */
export const VSO_HOOK_COMPONENTS: Readonly<Record<string, string>> = {
  [`upgrade-crds-${VSO_RELEASE}`]: 'upgrade-crds',
  [`pdcc-${VSO_RELEASE}`]: 'pre-delete-cleanup',
};

/**
 * kube-rbac-proxy (>= 0.14) serves an unauthenticated /healthz on a second TLS port when given
 * --proxy-endpoints-port; its main listener authenticates every path (a kubelet probe there gets 401).
 */
export const PROXY_HEALTH_PORT = 8643;
const PROXY_LISTENER_PORT = 8443;

/**
 * Probes for the controller's kube-rbac-proxy sidecar, which chart 1.4 renders without any (and
 * without a value for them): ready when its health endpoint answers, alive while its listener accepts.
 */
function probeMetricsProxy(deployment: Json): void {
  const proxy = deployment.spec?.template?.spec?.containers?.find((c: Json) => c.name === 'kube-rbac-proxy');
  if (!proxy) return;
  proxy.args = [...(proxy.args ?? []), `--proxy-endpoints-port=${PROXY_HEALTH_PORT}`];
  proxy.ports = [...(proxy.ports ?? []), { containerPort: PROXY_HEALTH_PORT, name: 'proxy-health', protocol: 'TCP' }];
  proxy.readinessProbe = { httpGet: { path: '/healthz', port: PROXY_HEALTH_PORT, scheme: 'HTTPS' }, initialDelaySeconds: 5, periodSeconds: 10 };
  proxy.livenessProbe = { tcpSocket: { port: PROXY_LISTENER_PORT }, initialDelaySeconds: 15, periodSeconds: 20 };
}

export function vsoPostRender(objects: Json[]): Json[] {
  for (const o of objects) {
    if (o.kind === 'Deployment' && o.metadata?.name === `${VSO_RELEASE}-controller-manager`) probeMetricsProxy(o);
    const component = o.kind === 'Job' ? VSO_HOOK_COMPONENTS[o.metadata?.name] : undefined;
    if (!component) continue;
    const template = (o.spec.template ??= {});
    template.metadata ??= {};
    template.metadata.labels = { ...template.metadata.labels, 'app.kubernetes.io/name': VSO_RELEASE, 'app.kubernetes.io/component': component };
  }
  // Every VSO pod (controller and both hooks) talks to the API server under a bound ServiceAccount;
  // the chart never states automountServiceAccountToken on a pod: take the ServiceAccount's setting.
  return podTokenFromServiceAccount(objects);
}
