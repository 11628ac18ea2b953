// Spark pods get exactly the flows charts/pipelines/flows.ts declares, on top of spark-jobs'
// default deny: the generated policies (one per role and direction, one rule per peer) and what
// they allow under the evaluator.
import { describe, expect, it } from 'vitest';
import { flowWorld } from '../../fixtures/flows';
import { renderPipelines } from './render-pipelines';

const policies = renderPipelines('prod').pipelines.filter((d) => d.object.kind === 'NetworkPolicy');
const byName = new Map<string, any>(policies.map((d) => [d.object.metadata.name, d.object]));
const driver = 'spark-jobs/SparkApplication/quality-checks:driver';
const executor = 'spark-jobs/SparkApplication/quality-checks:executor';

describe('spark-jobs NetworkPolicies', () => {
  it('are one egress and one ingress policy per role, all in spark-jobs', () => {
    expect([...byName.keys()].sort()).toEqual(['spark-driver-egress', 'spark-driver-ingress', 'spark-executor-egress', 'spark-executor-ingress']);
    for (const p of policies) expect(p.object.metadata.namespace).toBe('spark-jobs');
    expect(byName.get('spark-driver-egress').spec.podSelector).toEqual({ matchLabels: { 'spark-role': 'driver' } });
    expect(byName.get('spark-driver-egress').spec.policyTypes).toEqual(['Egress']);
  });

  it('give the driver one rule per destination, with the ports its flows declare', () => {
    const rules = byName.get('spark-driver-egress').spec.egress.map((r: any) => [
      r.to.map((p: any) => p.ipBlock?.cidr ?? `${p.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] ?? 'spark-jobs'}`).join(),
      r.ports.map((p: any) => p.port),
    ]);
    expect(rules).toEqual([
      ['iceberg-catalog', [8181]],
      ['monitoring', [9091]],
      ['object-store', [9000]],
      ['spark-jobs', [7079]],
      ['vault', [8200]],
      ['10.20.0.16/28', [443]],
    ]);
  });

  it('let driver and executors talk on the fixed driver and block-manager ports only', () => {
    const { reaches } = flowWorld('prod');
    expect(reaches(executor, driver, 7078)).toBe(true);
    expect(reaches(executor, driver, 7079)).toBe(true);
    expect(reaches(driver, executor, 7079)).toBe(true);
    expect(reaches(executor, executor, 7079)).toBe(true);
    expect(reaches(driver, executor, 7078)).toBe(false);
    expect(reaches(driver, driver, 4040)).toBe(false);
  });

  it('let both roles reach the object store and Vault, and only the driver the catalog, the API server and the Pushgateway', () => {
    const { reaches } = flowWorld('prod');
    for (const pod of [driver, executor]) {
      expect(reaches(pod, 'object-store/StatefulSet/minio', 9000), pod).toBe(true);
      expect(reaches(pod, 'vault/StatefulSet/vault', 8200), pod).toBe(true);
    }
    expect(reaches(driver, 'iceberg-catalog/Deployment/polaris', 8181)).toBe(true);
    expect(reaches(executor, 'iceberg-catalog/Deployment/polaris', 8181)).toBe(false);
    expect(reaches(driver, '10.20.0.17', 443)).toBe(true);
    expect(reaches(executor, '10.20.0.17', 443)).toBe(false);
    expect(reaches(driver, 'monitoring/Deployment/pushgateway', 9091)).toBe(true);
    expect(reaches(executor, 'monitoring/Deployment/pushgateway', 9091)).toBe(false);
    expect(reaches(driver, 'monitoring/Prometheus/kube-prometheus-stack-prometheus', 9090)).toBe(false);
  });

  it('reach nothing on the internet', () => {
    const { reaches } = flowWorld('prod');
    for (const pod of [driver, executor]) for (const port of [80, 443, 22]) expect(reaches(pod, '140.82.112.3', port)).toBe(false);
  });
});
