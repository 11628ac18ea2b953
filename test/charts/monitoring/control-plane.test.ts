// kube-prometheus-stack's control-plane exporters are off (each would sync a Service into
// kube-system, outside the observability project) and CoreDNS is scraped by our PodMonitor
// (docs/decisions/0033-control-plane-scrapes.md).
import { describe, expect, it } from 'vitest';
import { kubePrometheusStackValues } from '../../../charts/monitoring/values';
import { componentObjects, environment, renderedEnvironment } from '../../fixtures/rendered';

describe('control-plane scrapes', () => {
  it.each(['dev', 'staging', 'prod'] as const)('%s: every kube-system exporter of the chart is disabled', (env) => {
    const values = kubePrometheusStackValues(environment(env)) as Record<string, any>;
    for (const key of ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy', 'coreDns', 'kubeDns']) {
      expect(values[key], key).toEqual({ enabled: false });
    }
    expect(values.kubelet).toBeUndefined();
  });

  it('scrapes CoreDNS from our namespace with a PodMonitor, keeping job="coredns"', () => {
    const monitor = componentObjects(renderedEnvironment('prod'), 'monitoring').find((o) => o.kind === 'PodMonitor' && o.metadata.name === 'coredns');
    expect(monitor.metadata.namespace).toBe('monitoring');
    expect(monitor.spec).toEqual({
      namespaceSelector: { matchNames: ['kube-system'] },
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', interval: '30s', scrapeTimeout: '10s', relabelings: [{ targetLabel: 'job', replacement: 'coredns' }] }],
    });
  });

  it('renders nothing of ours into kube-system', () => {
    const inKubeSystem = renderedEnvironment('prod').docs.filter((d) => d.object.metadata?.namespace === 'kube-system');
    expect(inKubeSystem).toEqual([]);
  });
});
