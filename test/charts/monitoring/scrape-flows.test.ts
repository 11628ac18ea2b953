// Prometheus's scrapes through the rendered NetworkPolicies (Kubernetes semantics: a pod selected by
// a policy of a type only has the flows some such policy allows): the scrapes issue #10 found
// blocked (VSO 8443, DataHub GMS 4319, the PgBouncer exporter 9127, CoreDNS 9153) are allowed, to
// exactly those pods and ports.
import { describe, expect, it } from 'vitest';
import { matchesSelector } from '../../../policies/helpers';
import { renderedEnvironment } from '../../fixtures/rendered';
import type { EnvName } from '../../../environments/catalog';

interface Endpoint {
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

const PROMETHEUS: Endpoint = { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/instance': 'kube-prometheus-stack-prometheus' } };
const VSO: Endpoint = { namespace: 'vault-secrets-operator', labels: { 'app.kubernetes.io/name': 'vault-secrets-operator', 'app.kubernetes.io/instance': 'vault-secrets-operator', 'control-plane': 'controller-manager' } };
const GMS: Endpoint = { namespace: 'datahub', labels: { 'app.kubernetes.io/name': 'datahub-gms', 'app.kubernetes.io/instance': 'datahub' } };
const POOLER: Endpoint = { namespace: 'airflow-db', labels: { 'cnpg.io/poolerName': 'airflow-db-pooler', 'cnpg.io/podRole': 'pooler' } };
const COREDNS: Endpoint = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
const AIRFLOW_SCHEDULER: Endpoint = { namespace: 'airflow', labels: { tier: 'airflow', component: 'scheduler' } };

/** `peer` of a NetworkPolicy rule written in `policyNamespace` matches `endpoint` (no ipBlocks: pod traffic). */
function peerMatches(peer: any, policyNamespace: string, endpoint: Endpoint): boolean {
  if (peer.ipBlock) return peer.ipBlock.cidr === '0.0.0.0/0';
  const nsOk = peer.namespaceSelector
    ? Object.keys(peer.namespaceSelector).length === 0 || matchesSelector(peer.namespaceSelector, { 'kubernetes.io/metadata.name': endpoint.namespace })
    : endpoint.namespace === policyNamespace;
  const podOk = !peer.podSelector || Object.keys(peer.podSelector).length === 0 || matchesSelector(peer.podSelector, endpoint.labels);
  return nsOk && podOk;
}

const portMatches = (ports: any[] | undefined, port: number) => !ports || ports.some((p) => p.port === port && (p.protocol ?? 'TCP') === 'TCP');

function allowed(env: EnvName, from: Endpoint, to: Endpoint, port: number): { egress: boolean; ingress: boolean } {
  const policies = renderedEnvironment(env).docs.filter((d) => d.object.kind === 'NetworkPolicy').map((d) => d.object);
  const selecting = (endpoint: Endpoint, type: string) =>
    policies.filter(
      (p) =>
        p.metadata.namespace === endpoint.namespace &&
        (p.spec.policyTypes ?? ['Ingress']).includes(type) &&
        (Object.keys(p.spec.podSelector ?? {}).length === 0 || matchesSelector(p.spec.podSelector, endpoint.labels)),
    );
  const egressPolicies = selecting(from, 'Egress');
  const ingressPolicies = selecting(to, 'Ingress');
  const egress =
    egressPolicies.length === 0 ||
    egressPolicies.some((p) => (p.spec.egress ?? []).some((r: any) => (!r.to || r.to.some((peer: any) => peerMatches(peer, p.metadata.namespace, to))) && portMatches(r.ports, port)));
  const ingress =
    ingressPolicies.length === 0 ||
    ingressPolicies.some((p) => (p.spec.ingress ?? []).some((r: any) => (!r.from || r.from.some((peer: any) => peerMatches(peer, p.metadata.namespace, from))) && portMatches(r.ports, port)));
  return { egress, ingress };
}

describe('Prometheus scrapes through the NetworkPolicies', () => {
  it.each(['dev', 'staging', 'prod'] as const)('%s: VSO metrics (kube-rbac-proxy 8443) and CoreDNS (9153)', (env) => {
    expect(allowed(env, PROMETHEUS, VSO, 8443)).toEqual({ egress: true, ingress: true });
    expect(allowed(env, PROMETHEUS, COREDNS, 9153)).toEqual({ egress: true, ingress: true });
  });

  it.each(['staging', 'prod'] as const)('%s: DataHub GMS actuator (4319) and the PgBouncer exporter (9127)', (env) => {
    expect(allowed(env, PROMETHEUS, GMS, 4319)).toEqual({ egress: true, ingress: true });
    expect(allowed(env, PROMETHEUS, POOLER, 9127)).toEqual({ egress: true, ingress: true });
  });

  it('allows exactly those pods and ports, nothing beside them', () => {
    // VSO's metrics policy admits Prometheus only, and only on the proxy port.
    expect(allowed('prod', PROMETHEUS, VSO, 8080).ingress).toBe(false);
    expect(allowed('prod', { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'grafana' } }, VSO, 8443).ingress).toBe(false);
    // The exporter port is opened on the Pooler pods, not on Airflow's.
    expect(allowed('prod', PROMETHEUS, AIRFLOW_SCHEDULER, 9127)).toEqual({ egress: false, ingress: false });
    // Egress to 9153 reaches CoreDNS, not every pod of kube-system.
    expect(allowed('prod', PROMETHEUS, { namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' } }, 9153).egress).toBe(false);
  });

  it('dev has no PgBouncer and no DataHub: no rule for them', () => {
    const egress = renderedEnvironment('dev').docs.find((d) => d.object.kind === 'NetworkPolicy' && d.object.metadata.name === 'prometheus-egress')!.object;
    expect(JSON.stringify(egress.spec.egress)).not.toContain('airflow-db-pooler');
  });
});
