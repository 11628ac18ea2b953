// renderFlowPolicies: the NetworkPolicies of a component's workloads from the declared flows — one
// egress and one ingress policy per owned workload, one rule per peer, the peers' exact selectors.
import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { external, renderFlowPolicies, tcp, udp, workload, type OwnedFlow } from '../../../charts/shared/flows';

const api = workload('shop', 'shop', 'api', { app: 'api' });
const web = workload('shop', 'shop', 'web', { app: 'web' });
const db = workload('data', 'data', 'db', { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'role', operator: 'Exists' }] });
const git = external('git-host', { cidrs: ['140.82.112.0/20', '192.30.252.0/22'] });
const owned = (owner: string, ...flows: ReturnType<typeof tcp>[]): OwnedFlow[] => flows.map((flow) => ({ owner, flow }));

function policiesOf(component: string, flows: OwnedFlow[]): any[] {
  const chart = new Chart(Testing.app(), 'test');
  renderFlowPolicies(chart, component, flows);
  return Testing.synth(chart);
}

describe('renderFlowPolicies', () => {
  const flows = [
    ...owned('shop', tcp(web, api, 8080, 'web calls the API'), tcp(api, db, 5432, 'the API uses the DB'), tcp(api, db, 5433, 'replica port'), tcp(api, git, 443, 'fetches config')),
    ...owned('shop', udp(api, db, 5353, 'discovery')),
  ];

  it('renders, per owned workload, an egress policy with a rule per destination and an ingress policy with a rule per source', () => {
    const policies = policiesOf('shop', flows);
    expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['shop/api-egress', 'shop/api-ingress', 'shop/web-egress']);
    const egress = policies[0];
    expect(egress.spec).toEqual({
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } }, podSelector: { matchLabels: { app: 'db' }, matchExpressions: [{ key: 'role', operator: 'Exists' }] } }],
          ports: [{ protocol: 'TCP', port: 5432 }, { protocol: 'TCP', port: 5433 }, { protocol: 'UDP', port: 5353 }],
        },
        { to: [{ ipBlock: { cidr: '140.82.112.0/20' } }, { ipBlock: { cidr: '192.30.252.0/22' } }], ports: [{ protocol: 'TCP', port: 443 }] },
      ],
    });
    // Same namespace: a podSelector peer alone.
    expect(policies[1].spec).toEqual({ podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }] });
    expect(policies[0].metadata.labels).toEqual({ 'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/component': 'network-policy' });
  });

  it('renders the policies of the workloads a component owns, whoever declared the flow', () => {
    expect(policiesOf('data', flows).map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['data/db-ingress']);
    expect(policiesOf('data', flows)[0].spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 5432 }, { protocol: 'TCP', port: 5433 }, { protocol: 'UDP', port: 5353 }] },
    ]);
  });

  it('leaves namespace-baseline flows to the namespaces component and refuses one name with two selectors', () => {
    expect(policiesOf('shop', owned('shop', { ...tcp(api, git, 443, 'x'), renderedBy: 'namespaces' }))).toEqual([]);
    const other = workload('shop', 'shop', 'api', { app: 'other' });
    expect(() => policiesOf('shop', owned('shop', tcp(api, git, 443, 'x'), tcp(other, git, 80, 'y')))).toThrow('flows: workload shop/api is declared with two pod selectors');
  });
});
