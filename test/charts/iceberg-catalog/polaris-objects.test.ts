// The Polaris Deployment as the chart renders it with our values: one /tmp (the chart's own emptyDir;
// ours on top was a duplicate mountPath the API server refused), no API token, images pulled Always,
// the platform scratch bound.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { polarisWithoutApiToken } from '../../../charts/iceberg-catalog/post-render';
import { componentObjects, renderedEnvironment } from '../../fixtures/rendered';

const objects = (env: (typeof ENVIRONMENTS)[number]) => componentObjects(renderedEnvironment(env), 'iceberg-catalog');
const find = (env: (typeof ENVIRONMENTS)[number], kind: string, name: string) => objects(env).find((o) => o.kind === kind && o.metadata.name === name);

describe.each([...ENVIRONMENTS])('Polaris objects in %s', (env) => {
  it('mount /tmp once, from the chart\'s temp-dir emptyDir, and every mountPath once', () => {
    const pod = find(env, 'Deployment', 'polaris').spec.template.spec;
    const [container] = pod.containers;
    expect(container.volumeMounts).toEqual([
      { mountPath: '/deployments/config', name: 'config-volume', readOnly: true },
      { mountPath: '/tmp', name: 'temp-dir', readOnly: false },
    ]);
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['config-volume', 'temp-dir']);
    // The API server's rule, for every workload of the component.
    for (const o of objects(env).filter((x) => x.spec?.template?.spec)) {
      for (const c of [...(o.spec.template.spec.initContainers ?? []), ...o.spec.template.spec.containers]) {
        const paths = (c.volumeMounts ?? []).map((m: any) => m.mountPath);
        expect(new Set(paths).size, `${o.kind}/${o.metadata.name} ${c.name}`).toBe(paths.length);
      }
    }
  });

  it('carry no service-account token, pull Always and bound scratch space', () => {
    const pod = find(env, 'Deployment', 'polaris').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(find(env, 'ServiceAccount', 'polaris').automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].imagePullPolicy).toBe('Always');
    expect(pod.containers[0].resources.requests['ephemeral-storage']).toBe('64Mi');
    expect(pod.containers[0].resources.limits['ephemeral-storage']).toBe('1Gi');
  });
});

describe('polarisWithoutApiToken', () => {
  it('turns the token off for the polaris ServiceAccount and its pods only', () => {
    const out = polarisWithoutApiToken([
      { kind: 'ServiceAccount', metadata: { name: 'polaris' } },
      { kind: 'ServiceAccount', metadata: { name: 'other' } },
      { kind: 'Deployment', metadata: { name: 'polaris' }, spec: { template: { spec: { serviceAccountName: 'polaris' } } } },
      { kind: 'Job', metadata: { name: 'x' }, spec: { template: { spec: { serviceAccountName: 'other' } } } },
    ]);
    expect(out[0].automountServiceAccountToken).toBe(false);
    expect(out[1]).not.toHaveProperty('automountServiceAccountToken');
    expect(out[2].spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(out[3].spec.template.spec).not.toHaveProperty('automountServiceAccountToken');
  });
});
