// Standard labels on every object and pod template, except where an upstream chart's selector
// matches by a label of the same key: the chart's value stays, or the selector would miss.
import { describe, expect, it } from 'vitest';
import { applyStandardLabels, selectedLabels } from '../../render/standard-labels';

const kafka = () => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'kafka', labels: { 'app.kubernetes.io/part-of': 'kafka', 'app.kubernetes.io/name': 'kafka' } },
  spec: {
    selector: { matchLabels: { 'app.kubernetes.io/part-of': 'kafka', 'app.kubernetes.io/name': 'kafka' } },
    template: { metadata: { labels: { 'app.kubernetes.io/part-of': 'kafka', 'app.kubernetes.io/name': 'kafka', 'app.kubernetes.io/version': '4.0' } } },
  },
});

describe('standard labels', () => {
  it('overwrite part-of, managed-by and version on our objects', () => {
    const o = kafka();
    applyStandardLabels(o, 'dev', 'datahub-prerequisites', '1.2.3');
    expect(o.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'gridata', 'app.kubernetes.io/managed-by': 'cdk8s', 'app.kubernetes.io/version': '1.2.3', 'gridata.io/environment': 'dev' });
  });

  it("keep a chart's value where one of its selectors matches by that label, and set the others", () => {
    const o = kafka();
    applyStandardLabels(o, 'dev', 'datahub-prerequisites', '1.2.3', selectedLabels([o]));
    expect(o.spec.template.metadata.labels).toEqual({
      'app.kubernetes.io/part-of': 'kafka',
      'app.kubernetes.io/name': 'kafka',
      'app.kubernetes.io/instance': expect.any(String),
      'app.kubernetes.io/component': expect.any(String),
      'app.kubernetes.io/managed-by': 'cdk8s',
      'app.kubernetes.io/version': '1.2.3',
      'gridata.io/environment': 'dev',
    });
  });

  it('find matchLabels and plain Service selectors, not other string maps', () => {
    const service = { spec: { selector: { app: 'vault', component: 'server' }, ports: [{ name: 'http', port: 8200 }] } };
    const monitor = { spec: { selector: { matchLabels: { release: 'kps' } }, endpoints: [{ port: 'http' }] } };
    const config = { spec: { data: { selector: 'x' } } };
    expect(selectedLabels([service, monitor, config])).toEqual([{ app: 'vault', component: 'server' }, { release: 'kps' }]);
  });
});
