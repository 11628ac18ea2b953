// The CloudNativePG operator as rendered with our values and post-render: its own NetworkPolicy
// selects exactly its pods, explicit token, image pulled Always, scratch space bounded.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { matchesSelector } from '../../../policies/helpers';
import { componentObjects, environment, renderedEnvironment } from '../../fixtures/rendered';

const objects = (env: EnvName) => componentObjects(renderedEnvironment(env), 'cnpg');
const operator = (env: EnvName) => objects(env).find((o) => o.kind === 'Deployment' && o.metadata.name === 'cnpg-cloudnative-pg');

describe.each([...ENVIRONMENTS])('CloudNativePG operator objects in %s', (env) => {
  it('select the operator pods by their own labels: webhook in, API and instance status out, metrics from Prometheus only', () => {
    const policy = objects(env).find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'cnpg-operator');
    expect(policy.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'cloudnative-pg', 'app.kubernetes.io/instance': 'cnpg' } });
    expect(matchesSelector(policy.spec.podSelector, operator(env).spec.template.metadata.labels)).toBe(true);
    const ingress = policy.spec.ingress;
    expect(ingress[0]).toEqual({ ports: [{ protocol: 'TCP', port: 9443 }] });
    if (environment(env).features.monitoring) {
      expect(ingress[1].from).toEqual([
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } },
      ]);
    }
  });

  it('mount the token its ClusterRoleBinding needs, pull Always and bound scratch space', () => {
    const pod = operator(env).spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(true);
    const [manager] = pod.containers;
    expect(manager.imagePullPolicy).toBe('Always');
    expect(manager.resources.requests['ephemeral-storage']).toBe('64Mi');
    expect(manager.resources.limits['ephemeral-storage']).toBe('1Gi');
  });
});
