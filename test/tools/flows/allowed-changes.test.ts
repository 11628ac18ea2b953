// The rendered diff's flow section: what a change opens or closes under the NetworkPolicies.
import { describe, expect, it } from 'vitest';
import { allowedFlows, flowChanges, flowChangesMarkdown } from '../../../tools/flows/allowed-changes';
import { renderedEnvironment } from '../../fixtures/rendered';

const files = () => new Map([...renderedEnvironment('prod').files].filter(([path]) => path.startsWith('prod/')));

describe('flows a change opens or closes', () => {
  it('lists what the committed policies allow, nothing to the internet from job code', () => {
    const flows = allowedFlows('prod', files());
    expect(flows).toContain('spark-jobs/SparkApplication/customer-360:driver → iceberg-catalog/Deployment/polaris: TCP 8181');
    expect(flows).toContain('airflow-db/Cluster/airflow-db:join-job → airflow-db/Cluster/airflow-db:instance: TCP 5432');
    expect([...flows].filter((f) => f.startsWith('spark-jobs/') && f.includes(' → 0.0.0.0'))).toEqual([]);
  });

  it('reports the flows a removed policy closes and a widened one opens', () => {
    const base = files();
    const head = new Map(base);
    head.delete('prod/iceberg-catalog/networkpolicy.iceberg-catalog.polaris-ingress.yaml');
    const path = 'prod/pipelines/networkpolicy.spark-jobs.spark-executor-egress.yaml';
    head.set(path, base.get(path)!.replace('spec:\n  egress:\n', 'spec:\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n      ports:\n        - port: 443\n          protocol: TCP\n'));
    const [change] = flowChanges(base, head).filter((c) => c.env === 'prod');
    // Without its ingress policy Polaris is back under the namespace's default deny: every client is cut off.
    expect(change!.closed).toContain('spark-jobs/SparkApplication/customer-360:driver → iceberg-catalog/Deployment/polaris: TCP 8181');
    expect(change!.opened).toContain('spark-jobs/SparkApplication/customer-360:executor → 0.0.0.0/0: TCP 443');
    expect(change!.opened.every((f) => f.endsWith(':executor → 0.0.0.0/0: TCP 443'))).toBe(true);
    expect(change!.changed).toEqual([]);
    const markdown = flowChangesMarkdown([change!]);
    expect(markdown.startsWith('### Network flows\n')).toBe(true);
    expect(markdown).toContain(`**prod**: ${change!.opened.length} opened, ${change!.closed.length} closed, 0 with other ports`);
    expect(flowChangesMarkdown([{ env: 'dev', opened: [], closed: [], changed: [] }])).toBe('');
  });
});
