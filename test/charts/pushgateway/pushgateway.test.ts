// The Pushgateway the Spark quality job pushes to: pinned image, one hardened replica, a
// ServiceMonitor that keeps the pushers' labels, and ingress from Spark drivers and Prometheus only.
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../../charts';
import { PUSHGATEWAY_URL } from '../../../charts/pushgateway/constants';
import { find, render } from '../datahub/render-datahub';

const prod = render('prod');
const deployment = find(prod, 'Deployment', 'pushgateway');
const pod = deployment.spec.template;

describe('Pushgateway', () => {
  it('runs prom/pushgateway v1.11.4 as a single replica in monitoring, after kube-prometheus-stack', () => {
    expect([deployment.metadata.namespace, deployment.spec.replicas, deployment.spec.strategy.type]).toEqual(['monitoring', 1, 'Recreate']);
    expect(pod.spec.containers[0].image).toBe('prom/pushgateway:v1.11.4');
    expect(COMPONENTS.find((c) => c.id === 'pushgateway')!.dependsOn).toEqual(['monitoring']);
    expect(PUSHGATEWAY_URL).toBe('http://pushgateway.monitoring.svc:9091');
  });

  it('is hardened and sized from sizing.monitoring.pushgateway', () => {
    const container = pod.spec.containers[0];
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(pod.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(container.resources).toEqual({ requests: { cpu: '20m', memory: '32Mi', 'ephemeral-storage': '64Mi' }, limits: { cpu: '100m', memory: '64Mi', 'ephemeral-storage': '1Gi' } });
    expect(container.args).toEqual(['--web.listen-address=:9091', '--persistence.file=/data/metrics', '--persistence.interval=1m']);
    expect([container.readinessProbe.httpGet.path, container.livenessProbe.httpGet.path]).toEqual(['/-/ready', '/-/healthy']);
  });

  it('is scraped with honorLabels so the pushed job/table/check labels survive', () => {
    const monitor = find(prod, 'ServiceMonitor', 'pushgateway');
    expect(monitor.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s', honorLabels: true }]);
    expect(monitor.spec.selector.matchLabels).toEqual(find(prod, 'Service', 'pushgateway').spec.selector);
    expect(deployment.spec.selector.matchLabels).toEqual(find(prod, 'Service', 'pushgateway').spec.selector);
  });

  it('admits only Spark drivers from spark-jobs and Prometheus, on 9091', () => {
    const policy = find(prod, 'NetworkPolicy', 'pushgateway-ingress');
    expect(policy.spec.podSelector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(policy.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }], ports: [{ protocol: 'TCP', port: 9091 }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'spark-jobs' } }, podSelector: { matchLabels: { 'spark-role': 'driver' } } }], ports: [{ protocol: 'TCP', port: 9091 }] },
    ]);
    // It makes no connections of its own.
    expect(find(prod, 'NetworkPolicy', 'pushgateway-egress')).toBeUndefined();
  });

  it('is not deployed without monitoring', () => {
    const off = render('dev', (env) => ({ ...env, features: { ...env.features, monitoring: false } }));
    expect([...off.files.keys()].filter((p) => p.includes('/pushgateway/'))).toEqual([]);
  });
});
