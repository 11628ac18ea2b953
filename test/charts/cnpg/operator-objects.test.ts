// The CloudNativePG operator as rendered with our values and post-render: its own NetworkPolicy
// selects exactly its pods, explicit token, image pulled Always, scratch space bounded.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { matchesSelector } from '../../../policies/helpers';
import { componentObjects, environment, renderedEnvironment } from '../../fixtures/rendered';
import { flowWorld } from '../../fixtures/flows';

const objects = (env: EnvName) => componentObjects(renderedEnvironment(env), 'cnpg');
const operator = (env: EnvName) => objects(env).find((o) => o.kind === 'Deployment' && o.metadata.name === 'cnpg-cloudnative-pg');

describe.each([...ENVIRONMENTS])('CloudNativePG operator objects in %s', (env) => {
  it('select the operator pods by their own labels: webhook in, API and instance status out, metrics from Prometheus only', () => {
    for (const name of ['cnpg-operator-ingress', 'cnpg-operator-egress']) {
      const policy = objects(env).find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name);
      expect(policy.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'cloudnative-pg', 'app.kubernetes.io/instance': 'cnpg' } });
      expect(matchesSelector(policy.spec.podSelector, operator(env).spec.template.metadata.labels)).toBe(true);
    }
    const { reaches } = flowWorld(env);
    const pod = 'cnpg-system/Deployment/cnpg-cloudnative-pg';
    const api = environment(env).network.kubeApiServer;
    expect(reaches(api.cidrs[0]!, pod, 9443)).toBe(true);
    expect(reaches('203.0.113.9', pod, 9443)).toBe(false);
    expect(reaches(pod, api.cidrs[0]!, api.port)).toBe(true);
    expect(reaches(pod, 'airflow-db/Cluster/airflow-db:instance', 8000)).toBe(true);
    expect(reaches(pod, 'airflow-db/Cluster/airflow-db:instance', 5432)).toBe(false);
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', pod, 8080)).toBe(environment(env).features.monitoring);
    expect(reaches('monitoring/StatefulSet/kube-prometheus-stack-grafana', pod, 8080)).toBe(false);
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
