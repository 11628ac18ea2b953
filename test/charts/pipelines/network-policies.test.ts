// Spark pods get exactly the flows they need on top of spark-jobs' default-deny.
import { describe, expect, it } from 'vitest';
import { renderPipelines } from './render-pipelines';

const policies = renderPipelines('prod').pipelines.filter((d) => d.object.kind === 'NetworkPolicy');
const byName = new Map<string, any>(policies.map((d) => [d.object.metadata.name, d.object]));
const roles = (p: any) => p.spec.podSelector.matchExpressions[0].values;
const ports = (rule: any) => rule.ports.map((p: any) => p.port);
const namespaceOf = (rule: any) => rule.to?.[0]?.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];

describe('spark-jobs NetworkPolicies', () => {
  it('are exactly these, all in spark-jobs', () => {
    expect([...byName.keys()].sort()).toEqual([
      'allow-spark-catalog-egress',
      'allow-spark-driver-executor',
      'allow-spark-driver-kubernetes-api-egress',
      'allow-spark-driver-pushgateway-egress',
      'allow-spark-object-store-egress',
      'allow-spark-vault-egress',
    ]);
    for (const p of policies) expect(p.object.metadata.namespace).toBe('spark-jobs');
  });

  it('let driver and executors talk on the fixed driver and block-manager ports', () => {
    const p = byName.get('allow-spark-driver-executor');
    expect(roles(p)).toEqual(['driver', 'executor']);
    expect(p.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(ports(p.spec.ingress[0])).toEqual([7078, 7079]);
    expect(ports(p.spec.egress[0])).toEqual([7078, 7079]);
    expect(p.spec.ingress[0].from[0].podSelector.matchExpressions[0]).toEqual({ key: 'spark-role', operator: 'In', values: ['driver', 'executor'] });
  });

  it('let both roles reach the object store and Vault, and only the driver the catalog and the API server', () => {
    const egress = (name: string) => byName.get(name).spec.egress[0];
    expect([roles(byName.get('allow-spark-object-store-egress')), namespaceOf(egress('allow-spark-object-store-egress')), ports(egress('allow-spark-object-store-egress'))]).toEqual([
      ['driver', 'executor'],
      'object-store',
      [9000],
    ]);
    expect([roles(byName.get('allow-spark-vault-egress')), namespaceOf(egress('allow-spark-vault-egress')), ports(egress('allow-spark-vault-egress'))]).toEqual([['driver', 'executor'], 'vault', [8200]]);
    expect([roles(byName.get('allow-spark-catalog-egress')), namespaceOf(egress('allow-spark-catalog-egress')), ports(egress('allow-spark-catalog-egress'))]).toEqual([['driver'], 'iceberg-catalog', [8181]]);
    expect(roles(byName.get('allow-spark-driver-kubernetes-api-egress'))).toEqual(['driver']);
    expect(ports(egress('allow-spark-driver-kubernetes-api-egress'))).toEqual([443, 6443]);
    for (const p of policies) if (p.object.metadata.name !== 'allow-spark-driver-executor') expect(p.object.spec.policyTypes).toEqual(['Egress']);
  });

  it('let only the driver push quality metrics to the Pushgateway pods in monitoring on 9091', () => {
    const p = byName.get('allow-spark-driver-pushgateway-egress');
    expect(roles(p)).toEqual(['driver']);
    expect(p.spec.egress).toEqual([
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'pushgateway' } } }],
        ports: [{ protocol: 'TCP', port: 9091 }],
      },
    ]);
  });
});
