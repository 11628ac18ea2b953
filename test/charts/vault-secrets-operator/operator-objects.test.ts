// The operator's chart objects as rendered with our values and post-render: every pod (controller and
// both hook Jobs) selected by a NetworkPolicy of its own with exactly its flows, explicit tokens,
// images pulled Always, every container sized from the environment file with the scratch bound.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import { PROXY_HEALTH_PORT, VSO_HOOK_COMPONENTS, vsoPostRender } from '../../../charts/vault-secrets-operator/post-render';
import { pinnedImage } from '../../../charts/shared/images';
import { matchesSelector } from '../../../policies/helpers';
import { componentObjects, environment, renderedEnvironment } from '../../fixtures/rendered';
import { flowWorld } from '../../fixtures/flows';

const objects = (env: EnvName) => componentObjects(renderedEnvironment(env), 'vault-secrets-operator').filter((o) => o.metadata.namespace === 'vault-secrets-operator');
const workloads = (env: EnvName) => objects(env).filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
const policiesSelecting = (env: EnvName, labels: Record<string, string>) =>
  objects(env).filter((o) => o.kind === 'NetworkPolicy' && matchesSelector(o.spec.podSelector, labels)).map((o) => o.metadata.name).sort();
const port = (rule: any) => rule.ports.map((p: any) => p.port);

describe.each([...ENVIRONMENTS])('Vault Secrets Operator objects in %s', (env) => {
  it('label each hook Job\'s pods with its own component', () => {
    const jobs = Object.fromEntries(workloads(env).filter((o) => o.kind === 'Job').map((o) => [o.metadata.name, o.spec.template.metadata.labels['app.kubernetes.io/component']]));
    expect(jobs).toEqual({ 'pdcc-vault-secrets-operator': 'pre-delete-cleanup', 'upgrade-crds-vault-secrets-operator': 'upgrade-crds' });
  });

  it('select the controller and each hook by their own policies: Vault and the API for the controller, the API only for the hooks', () => {
    const monitoring = environment(env).features.monitoring;
    for (const w of workloads(env)) {
      const selected = policiesSelecting(env, w.spec.template.metadata.labels);
      if (w.kind === 'Deployment') expect(selected).toEqual(monitoring ? ['vso-controller-egress', 'vso-controller-ingress'] : ['vso-controller-egress']);
      else expect(selected, w.metadata.name).toEqual(['vso-hook-jobs-egress']);
    }
    const api = environment(env).network.kubeApiServer;
    const hooks = objects(env).find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'vso-hook-jobs-egress');
    expect(hooks.spec.egress).toEqual([{ to: api.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: api.port }] }]);
    const controller = objects(env).find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'vso-controller-egress');
    expect(controller.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'vault-secrets-operator', 'control-plane': 'controller-manager' } });
    expect(controller.spec.egress.map(port)).toEqual([[8200], [api.port]]);
    const { reaches } = flowWorld(env);
    const pod = 'vault-secrets-operator/Deployment/vault-secrets-operator-controller-manager';
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', pod, 8443)).toBe(monitoring);
    expect(reaches('monitoring/Prometheus/kube-prometheus-stack-prometheus', pod, 8080)).toBe(false);
    expect(reaches(pod, 'vault/StatefulSet/vault', 8200)).toBe(true);
    expect(reaches('vault-secrets-operator/Job/upgrade-crds-vault-secrets-operator', 'vault/StatefulSet/vault', 8200)).toBe(false);
  });

  it('mount the token explicitly (every ServiceAccount is bound), pull Always and size every container', () => {
    const sizing = environment(env).sizing.vaultSecretsOperator;
    for (const w of workloads(env)) {
      const pod = w.spec.template.spec;
      expect(pod.automountServiceAccountToken, w.metadata.name).toBe(true);
      for (const c of pod.containers) {
        expect(c.imagePullPolicy, `${w.metadata.name} ${c.name}`).toBe('Always');
        const workload = c.name === 'kube-rbac-proxy' ? sizing.metricsProxy : sizing.controller;
        expect(c.resources, `${w.metadata.name} ${c.name}`).toEqual({
          requests: { ...workload.resources.requests, 'ephemeral-storage': '64Mi' },
          limits: { ...workload.resources.limits, 'ephemeral-storage': '1Gi' },
        });
      }
    }
  });
});

describe.each([...ENVIRONMENTS])('the controller PodDisruptionBudget in %s', (env) => {
  it('sets maxUnavailable alone when there are spare replicas (the API server refuses both fields)', () => {
    const pdb = objects(env).find((o) => o.kind === 'PodDisruptionBudget');
    if ((environment(env).sizing.vaultSecretsOperator.controller.replicas ?? 1) > 1) {
      expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/instance': 'vault-secrets-operator', 'app.kubernetes.io/name': 'vault-secrets-operator' } } });
    } else {
      expect(pdb).toBeUndefined();
    }
  });
});

describe.each([...ENVIRONMENTS])('the metrics proxy in %s', (env) => {
  it('is probed: ready on the proxy health endpoint, alive while its listener accepts', () => {
    const deployment = objects(env).find((o) => o.kind === 'Deployment' && o.metadata.name === 'vault-secrets-operator-controller-manager');
    const proxy = deployment.spec.template.spec.containers.find((c: any) => c.name === 'kube-rbac-proxy');
    expect(proxy.args).toContain(`--proxy-endpoints-port=${PROXY_HEALTH_PORT}`);
    expect(proxy.ports).toContainEqual({ containerPort: 8643, name: 'proxy-health', protocol: 'TCP' });
    expect(proxy.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8643, scheme: 'HTTPS' });
    expect(proxy.livenessProbe.tcpSocket).toEqual({ port: 8443 });
    // --proxy-endpoints-port exists from kube-rbac-proxy 0.14 on.
    const [major, minor] = pinnedImage(environment(env), 'vaultSecretsOperator', 'kubeRbacProxy').tag.replace(/^v/, '').split('.').map(Number);
    expect(major > 0 || minor >= 14).toBe(true);
  });
});

describe('vsoPostRender', () => {
  it('labels only the known hook Jobs and keeps labels they already have', () => {
    const job = (name: string) => ({ kind: 'Job', metadata: { name, namespace: 'vault-secrets-operator' }, spec: { template: { metadata: { labels: { keep: 'me' } }, spec: {} } } });
    const out = vsoPostRender([job('upgrade-crds-vault-secrets-operator'), job('something-else')]) as any[];
    expect(out[0].spec.template.metadata.labels).toEqual({ keep: 'me', 'app.kubernetes.io/name': 'vault-secrets-operator', 'app.kubernetes.io/component': 'upgrade-crds' });
    expect(out[1].spec.template.metadata.labels).toEqual({ keep: 'me' });
    expect(Object.values(VSO_HOOK_COMPONENTS).sort()).toEqual(['pre-delete-cleanup', 'upgrade-crds']);
  });
});
