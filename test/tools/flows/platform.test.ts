// The flow proof of every environment over the shared render: every declared flow allowed, every
// allowed flow declared, no job-code pod on the internet, no over-broad peer; the fixes the least-
// privilege issue asked for, by name; and mutations showing the proof fails when a policy loses a
// rule (a declared flow is blocked) or gains a broader one (an undeclared flow appears).
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../../charts';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { collectFlows } from '../../../render/pipeline';
import { renderedEnvironment as environmentOf } from '../../../policies/load-rendered';
import type { RenderedDocument, RenderedEnvironment } from '../../../policies/types';
import { connects, parseCidr, type World } from '../../../policies/flows/evaluator';
import { inventory } from '../../../policies/flows/pods';
import { blocked, flowLabel, proveFlows } from '../../../tools/flows/proof';
import { environment, policyView } from '../../fixtures/rendered';

const flowsOf = (env: EnvName) => collectFlows(environment(env), COMPONENTS);
const prove = (env: EnvName, rendered: RenderedEnvironment = policyView(env)) => proveFlows(rendered, environment(env), flowsOf(env));

/** A copy of the environment with the NetworkPolicy `name` in `namespace` edited (the shared render stays untouched). */
function withPolicy(env: EnvName, namespace: string, name: string, edit: (spec: any) => void): RenderedEnvironment {
  const base = policyView(env);
  let edited = 0;
  const documents = base.documents.map((d: RenderedDocument) => {
    if (d.object.kind !== 'NetworkPolicy' || d.object.metadata.namespace !== namespace || d.object.metadata.name !== name) return d;
    const object = structuredClone(d.object);
    edit(object.spec);
    edited++;
    return { ...d, object };
  });
  expect(edited, `NetworkPolicy ${namespace}/${name} exists`).toBe(1);
  return { ...environmentOf(env, documents, [...base.folders]), charts: base.charts };
}

function worldOf(env: EnvName) {
  const inv = inventory(policyView(env), environment(env));
  const world: World = { namespaces: inv.namespaces, policies: inv.policies };
  const pod = (id: string) => {
    const found = inv.pods.find((p) => p.id === id);
    if (!found) throw new Error(`no pod ${id}`);
    return { pod: found };
  };
  return { inv, world, pod };
}

describe.each([...ENVIRONMENTS])('network flows in %s', (env) => {
  it('allows every declared flow and declares every allowed one', () => {
    const proof = prove(env);
    expect(blocked(proof).map((r) => `${flowLabel(r.flow)}: ${[...r.unmatched, ...r.blockedPairs].join('; ')}`)).toEqual([]);
    expect(proof.undeclared).toEqual([]);
    expect(proof.broadPeers).toEqual([]);
    expect(proof.jobCodeInternetPods).toEqual([]);
    expect(proof.results.length).toBeGreaterThan(150);
  });

  it('lets only the pods with a declared internet endpoint reach the internet', () => {
    const expected = [
      'airflow/Deployment/airflow-dag-processor',
      'airflow/Deployment/airflow-triggerer',
      'airflow/Pod/airflow-config:pod_template_file (KubernetesExecutor worker)',
      'argocd/Deployment/argocd-applicationset-controller',
      'argocd/Deployment/argocd-repo-server',
      'monitoring/Alertmanager/kube-prometheus-stack-alertmanager',
      // prod's off-cluster Postgres backups (S3 in another region).
      ...(env === 'prod' ? ['airflow-db/Cluster/airflow-db:instance', 'iceberg-catalog/Cluster/catalog-db:instance'] : []),
    ].sort();
    expect(prove(env).internetPods).toEqual(expected);
  });

  it('names each workload endpoint once: one pod selector and one owner per namespace and name', () => {
    const seen = new Map<string, string>();
    for (const { flow } of flowsOf(env)) {
      for (const e of [flow.from, flow.to]) {
        if ('external' in e) continue;
        const key = `${e.namespace}/${e.name}`;
        const value = JSON.stringify([e.pods, e.component ?? null]);
        expect(seen.get(key) ?? value, key).toBe(value);
        seen.set(key, value);
      }
    }
  });

  it('every flow has a reason and names endpoints of the environment', () => {
    for (const { flow } of flowsOf(env)) expect(flow.reason.length, flowLabel(flow)).toBeGreaterThan(10);
    const names = flowsOf(env).flatMap(({ flow }) => [flow.from, flow.to]).flatMap((e) => ('external' in e ? [] : [`${e.namespace}/${e.name}`]));
    expect(new Set(names).size).toBeGreaterThan(40);
  });
});

describe('the flows the least-privilege issue found blocked or too broad', () => {
  it('CloudNativePG initdb and join Job pods reach the API server, and the join Job the primary on 5432', () => {
    const { world, pod, inv } = worldOf('prod');
    const api = { ip: parseCidr(environment('prod').network.kubeApiServer.cidrs[0]!) };
    for (const cluster of ['airflow-db/Cluster/airflow-db', 'iceberg-catalog/Cluster/catalog-db']) {
      expect(inv.pods.find((p) => p.id === `${cluster}:initdb-job`)!.labels['cnpg.io/jobRole']).toBe('initdb');
      for (const job of ['initdb-job', 'join-job']) expect(connects(world, pod(`${cluster}:${job}`), api, 'TCP', 443), `${cluster} ${job}`).toBe(true);
      expect(connects(world, pod(`${cluster}:join-job`), pod(`${cluster}:instance`), 'TCP', 5432)).toBe(true);
      expect(connects(world, pod(`${cluster}:initdb-job`), pod(`${cluster}:instance`), 'TCP', 5432)).toBe(false);
      // Nothing else: not the object store, not the internet.
      expect(connects(world, pod(`${cluster}:join-job`), { ip: parseCidr('140.82.112.1/32') }, 'TCP', 443)).toBe(false);
    }
  });

  it('prod Vault reaches KMS and the instance metadata service, on their ports only', () => {
    const { world, pod } = worldOf('prod');
    const net = environment('prod').network;
    expect(connects(world, pod('vault/StatefulSet/vault'), { ip: parseCidr(net.kms!.cidrs[0]!) }, 'TCP', 443)).toBe(true);
    expect(connects(world, pod('vault/StatefulSet/vault'), { ip: parseCidr('169.254.169.254/32') }, 'TCP', 80)).toBe(true);
    expect(connects(world, pod('vault/StatefulSet/vault'), { ip: parseCidr('169.254.169.254/32') }, 'TCP', 443)).toBe(false);
    expect(connects(world, pod('vault/StatefulSet/vault'), { ip: parseCidr('52.1.2.3/32') }, 'TCP', 443)).toBe(false);
  });

  it('argocd-server is reached from the ingress controller only, and Polaris does not admit Airflow', () => {
    const { world, pod } = worldOf('prod');
    expect(connects(world, pod('ingress-nginx/Deployment/ingress-controller'), pod('argocd/Deployment/argocd-server'), 'TCP', 8080)).toBe(true);
    expect(connects(world, { ip: parseCidr('203.0.113.9/32') }, pod('argocd/Deployment/argocd-server'), 'TCP', 8080)).toBe(false);
    expect(connects(world, pod('airflow/Deployment/airflow-scheduler'), pod('argocd/Deployment/argocd-server'), 'TCP', 8080)).toBe(false);
    expect(connects(world, pod('airflow/Pod/airflow-config:pod_template_file (KubernetesExecutor worker)'), pod('iceberg-catalog/Deployment/polaris'), 'TCP', 8181)).toBe(false);
    expect(connects(world, pod('spark-jobs/SparkApplication/customer-360:driver'), pod('iceberg-catalog/Deployment/polaris'), 'TCP', 8181)).toBe(true);
  });

  it('job code (Airflow workers, Spark drivers and executors) reaches no internet address; workers only the Git host on 443', () => {
    const { world, pod } = worldOf('prod');
    for (const id of ['spark-jobs/SparkApplication/customer-360:driver', 'spark-jobs/SparkApplication/customer-360:executor']) {
      for (const port of [80, 443]) expect(connects(world, pod(id), { ip: parseCidr('140.82.112.1/32') }, 'TCP', port)).toBe(false);
    }
    const worker = pod('airflow/Pod/airflow-config:pod_template_file (KubernetesExecutor worker)');
    expect(connects(world, worker, { ip: parseCidr('140.82.112.1/32') }, 'TCP', 443)).toBe(true);
    expect(connects(world, worker, { ip: parseCidr('8.8.8.8/32') }, 'TCP', 443)).toBe(false);
  });
});

describe('the proof fails', () => {
  it('when a policy loses a rule: the declared flow it carried is blocked', () => {
    const rendered = withPolicy('prod', 'airflow-db', 'airflow-db-join-job-egress', (spec) => {
      spec.egress = spec.egress.filter((rule: any) => !rule.to.some((peer: any) => peer.podSelector));
    });
    const proof = prove('prod', rendered);
    expect(blocked(proof).map((r) => flowLabel(r.flow))).toEqual(['airflow-db/airflow-db-join-job → airflow-db/airflow-db-instances TCP 5432']);
    expect(blocked(proof)[0]!.blockedPairs).toEqual(['airflow-db/Cluster/airflow-db:join-job → airflow-db/Cluster/airflow-db:instance (TCP 5432 denied)']);
  });

  it('when a rule is widened: the flows it opens are undeclared and its peer over-broad', () => {
    const rendered = withPolicy('prod', 'spark-jobs', 'spark-driver-egress', (spec) => {
      spec.egress.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] });
    });
    const proof = prove('prod', rendered);
    expect(blocked(proof)).toEqual([]);
    expect(proof.broadPeers.map((b) => `${b.kind} ${b.policy} ${b.direction}`)).toEqual(['0.0.0.0/0 spark-jobs/spark-driver-egress egress']);
    const drivers = proof.undeclared.filter((u) => u.from.endsWith(':driver'));
    expect(drivers.length).toBeGreaterThan(0);
    expect(new Set(drivers.map((u) => u.ports))).toEqual(new Set(['TCP 443']));
    expect(proof.jobCodeInternetPods).toContain('spark-jobs/SparkApplication/customer-360:driver');
  });

  it('when an ingress rule admits a whole namespace: its pods are undeclared sources', () => {
    const rendered = withPolicy('prod', 'iceberg-catalog', 'polaris-ingress', (spec) => {
      spec.ingress.push({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'airflow' } } }], ports: [{ protocol: 'TCP', port: 8181 }] });
    });
    const proof = prove('prod', rendered);
    expect(proof.broadPeers.map((b) => `${b.kind} ${b.policy}`)).toEqual(['whole namespace iceberg-catalog/polaris-ingress']);
    // Only sources whose own egress also allows it: the Airflow pods have no egress to Polaris.
    expect(proof.undeclared).toEqual([]);
    const open = withPolicy('prod', 'airflow', 'airflow-workers-egress', (spec) => {
      spec.egress.push({ to: [{ namespaceSelector: {} }] });
    });
    const proofOpen = prove('prod', { ...open, documents: open.documents.map((d) => (d.object.kind === 'NetworkPolicy' && d.object.metadata.name === 'polaris-ingress' ? rendered.documents.find((x) => x.file === d.file)! : d)) });
    expect(proofOpen.undeclared.some((u) => u.from.includes('KubernetesExecutor worker') && u.to === 'iceberg-catalog/Deployment/polaris' && u.ports === 'TCP 8181')).toBe(true);
  });
});
