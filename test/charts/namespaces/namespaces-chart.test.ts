import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderedEnvironment } from '../../fixtures/rendered';
import { PLATFORM_NAMESPACES } from '../../../charts/namespaces/platform-namespaces';
import { limitRangeFigures, quotaFigures } from '../../../charts/namespaces/quota';

const dev = renderedEnvironment('dev').files;
const get = (file: string) => parse(dev.get(`dev/namespaces/${file}`)!);

describe('namespaces baseline', () => {
  it('creates every namespace of the platform', () => {
    expect(PLATFORM_NAMESPACES.map((n) => n.name).sort()).toEqual(
      ['airflow', 'airflow-db', 'argocd', 'cnpg-system', 'datahub', 'iceberg-catalog', 'monitoring', 'node-exporter', 'object-store', 'spark-jobs', 'spark-operator', 'vault', 'vault-secrets-operator'].sort(),
    );
    for (const ns of PLATFORM_NAMESPACES) expect(dev.has(`dev/namespaces/namespace.${ns.name}.yaml`), ns.name).toBe(true);
  });

  it('enforces restricted Pod Security wherever no exception is recorded', () => {
    for (const ns of PLATFORM_NAMESPACES) {
      const labels = get(`namespace.${ns.name}.yaml`).metadata.labels;
      expect(labels['pod-security.kubernetes.io/enforce']).toBe(ns.exceptionReason ? ns.podSecurity : 'restricted');
      expect(labels['pod-security.kubernetes.io/warn']).toBe('restricted');
    }
  });

  it('holds monitoring to restricted; only node-exporter\'s own namespace enforces privileged, with its reason', () => {
    const monitoring = get('namespace.monitoring.yaml').metadata;
    expect(monitoring.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(monitoring.annotations['gridata.io/pod-security-exception']).toBeUndefined();
    const nodeExporter = get('namespace.node-exporter.yaml').metadata;
    expect(nodeExporter.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    expect(nodeExporter.labels['pod-security.kubernetes.io/audit']).toBe('restricted');
    expect(nodeExporter.annotations['gridata.io/pod-security-exception']).toMatch(/^prometheus-node-exporter \(and nothing else\) needs hostNetwork, hostPID/);
    expect(PLATFORM_NAMESPACES.filter((n) => n.podSecurity === 'privileged').map((n) => n.name)).toEqual(['node-exporter']);
  });

  it('denies all ingress and egress by default and allows DNS to kube-dns only', () => {
    expect(get('networkpolicy.airflow.default-deny.yaml').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dns = get('networkpolicy.airflow.allow-dns-egress.yaml').spec;
    expect(dns.policyTypes).toEqual(['Egress']);
    expect(dns.egress[0].ports).toEqual([
      { port: 53, protocol: 'UDP' },
      { port: 53, protocol: 'TCP' },
    ]);
    expect(dns.egress[0].to[0].podSelector.matchLabels).toEqual({ 'k8s-app': 'kube-dns' });
  });

  it('sizes the object-store quota from the environment file: 1.5 × (MinIO + provisioner + Vault agents)', () => {
    // dev: MinIO 1 × (500m/1Gi req, 1/2Gi lim), provisioner 1 × (50m/64Mi, 200m/128Mi), 2 agents × (50m/64Mi, 250m/128Mi);
    // × 1.5, CPU rounded up to 100m and memory to 128Mi: 975m → 1000m, 1824Mi → 1920Mi, 2550m → 2600m, 3648Mi → 3712Mi.
    expect(get('resourcequota.object-store.compute.yaml').spec.hard).toEqual({
      'requests.cpu': '1000m',
      'requests.memory': '1920Mi',
      'limits.cpu': '2600m',
      'limits.memory': '3712Mi',
      pods: 16,
    });
  });

  it('derives LimitRange defaults from the smallest workload and the maximum from the largest', () => {
    const small = { resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } } };
    const large = { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } } };
    expect(limitRangeFigures([{ workload: large, pods: 1 }, { workload: small, pods: 3 }])).toEqual({
      defaultLimit: { cpu: '100m', memory: '128Mi' },
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      max: { cpu: '2000m', memory: '4096Mi' },
    });
    expect(quotaFigures([{ workload: small, pods: 2 }]).pods).toBe(13);
  });
});
