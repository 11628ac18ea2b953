import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { HydratedObject } from '../../../render/hydrate/hydrated-object';

const props = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
  spec: { replicas: 2, paused: null, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', args: ['a', null], env: [] }], volumes: [{ name: 'v', emptyDir: {} }] } } },
});

function both() {
  const chart = new Chart(new App(), 'test');
  return { hydrated: new HydratedObject(chart, 'h', props()), plain: new ApiObject(chart, 'p', props()) };
}

describe('HydratedObject', () => {
  it('renders what cdk8s renders for the same props: null values dropped, empty objects and lists kept', () => {
    const { hydrated, plain } = both();
    hydrated.metadata.addLabel('added', 'yes');
    plain.metadata.addLabel('added', 'yes');
    expect(hydrated.toJson()).toEqual(plain.toJson());
    expect(hydrated.toJson().spec.paused).toBeUndefined();
    expect(hydrated.toJson().spec.template.spec.volumes[0].emptyDir).toEqual({});
  });

  it('hands out a copy: changing one rendering does not change the next', () => {
    const { hydrated } = both();
    hydrated.toJson().spec.template.metadata.labels.changed = 'yes';
    expect(hydrated.toJson().spec.template.metadata.labels).toEqual({ app: 'web' });
  });

  it('applies JSON patches through cdk8s', () => {
    const { hydrated } = both();
    hydrated.addJsonPatch(JsonPatch.replace('/spec/replicas', 3));
    expect(hydrated.toJson().spec.replicas).toBe(3);
  });
});
