// The Argo CD component: the chart managing itself, RBAC, resource customisations, sizing,
// metrics and the VSO-synced repository credential.
import { describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../../charts';
import { renderedEnvironment, chartRelease, chartValues } from '../../fixtures/rendered';
import { APPLICATION_HEALTH_LUA } from '../../../charts/argocd/resource-customizations';
import { collectVaultConsumers } from '../../../render/pipeline';
import type { Environment } from '../../../environments/types';
import type { EnvName } from '../../../environments/catalog';

const vaultConsumers = (env: Environment) => collectVaultConsumers(env, COMPONENTS);

function rendered(name: EnvName) {
  const fixture = renderedEnvironment(name);
  const { env, docs } = fixture;
  const app = docs.find((d) => d.object.kind === 'Application' && d.object.metadata.name === `${name}-argocd`)!.object;
  return { env, docs, app, helm: chartRelease(fixture, 'argocd', 'argo-cd'), values: chartValues(fixture, 'argocd', 'argo-cd') };
}

const prod = rendered('prod');
const dev = rendered('dev');

describe('Argo CD managing itself', () => {
  it('installs chart argo-cd 10.1.1 (Argo CD v3.4.4) from this repository’s Application layer, in the platform project', () => {
    expect(prod.helm).toMatchObject({ repository: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', version: '10.1.1' });
    expect(prod.values.global.image).toEqual({ repository: 'quay.io/argoproj/argocd', tag: 'v3.4.4', imagePullPolicy: 'Always' });
    expect(prod.app.spec.project).toBe('gridata-prod-platform');
    expect(prod.app.spec.syncPolicy.syncOptions).toEqual(expect.arrayContaining(['ServerSideApply=true', 'RespectIgnoreDifferences=true']));
    expect(prod.app.spec.ignoreDifferences).toEqual([{ group: '', kind: 'Secret', name: 'argocd-secret', namespace: 'argocd', jsonPointers: ['/data'] }]);
  });

  it('maps SSO groups to roles, with the data engineers limited to the environment’s data project', () => {
    const rbac = prod.values.configs.rbac;
    expect(rbac['policy.default']).toBe('role:readonly');
    expect(rbac['policy.csv']).toContain('p, role:data-engineer, applications, sync, gridata-prod-data/*, allow');
    expect(rbac['policy.csv']).toContain('g, gridata:platform-admins, role:platform-admin');
    expect(dev.values.configs.rbac['policy.csv']).toContain('gridata-dev-data/*');
  });

  it('derives an Application’s health from its status so app-of-apps sync waves wait for children', () => {
    const cm = prod.values.configs.cm;
    expect(cm['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_LUA);
    expect(APPLICATION_HEALTH_LUA).toContain('hs.status = obj.status.health.status');
    expect(cm['resource.customizations.ignoreDifferences.admissionregistration.k8s.io_MutatingWebhookConfiguration']).toContain('.webhooks[]?.clientConfig.caBundle');
    expect(cm['application.resourceTrackingMethod']).toBe('annotation');
  });

  it('sizes every component from the environment, with PDBs where replicated and metrics ServiceMonitors on', () => {
    expect(prod.values.server).toMatchObject({ replicas: 2, pdb: { enabled: true, minAvailable: 1 }, metrics: { enabled: true, serviceMonitor: { enabled: true } } });
    expect(prod.values.repoServer.resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi', 'ephemeral-storage': '64Mi' },
      limits: { cpu: '1', memory: '512Mi', 'ephemeral-storage': '1Gi' },
    });
    expect(prod.values.controller.resources.limits).toEqual({ cpu: '2', memory: '2Gi', 'ephemeral-storage': '1Gi' });
    expect(dev.values.server.pdb.enabled).toBe(false);
    expect(prod.values.dex).toEqual({ enabled: false });
  });

  it('reads the repository credential from a VSO-synced Secret labelled as a repository, with no value in Git', () => {
    const secret = vaultConsumers(prod.env).find((c) => c.owner === 'argocd')!.consumer;
    expect(secret).toMatchObject({ kind: 'synced', namespace: 'argocd', secretName: 'gridata-repository', path: 'prod/argocd/repository', labels: { 'argocd.argoproj.io/secret-type': 'repository' } });
    const vss = prod.docs.find((d) => d.object.kind === 'VaultStaticSecret' && d.object.metadata.name === 'gridata-repository')?.object;
    expect(vss?.spec.destination.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
    expect(JSON.stringify(prod.values)).not.toMatch(/password|sshPrivateKey/i);
  });
});

describe('Argo CD chart objects as hydrated', () => {
  const obj = (kind: string, name: string) => prod.docs.find((d) => d.object.kind === kind && d.object.metadata.name === name)!.object;
  const container = (kind: string, name: string) => obj(kind, name).spec.template.spec.containers[0];

  it('probes the ApplicationSet controller, the notifications controller and redis for readiness and liveness', () => {
    expect(container('Deployment', 'argocd-applicationset-controller').readinessProbe.tcpSocket).toEqual({ port: 'probe' });
    expect(container('Deployment', 'argocd-applicationset-controller').livenessProbe.tcpSocket).toEqual({ port: 'probe' });
    expect(container('Deployment', 'argocd-notifications-controller').readinessProbe.tcpSocket).toEqual({ port: 'metrics' });
    expect(container('Deployment', 'argocd-notifications-controller').livenessProbe.tcpSocket).toEqual({ port: 'metrics' });
    expect(container('Deployment', 'argocd-redis').readinessProbe.exec.command).toEqual(['sh', '-c', '/health/redis_readiness.sh']);
    expect(container('Deployment', 'argocd-redis').livenessProbe.exec.command).toEqual(['sh', '-c', '/health/redis_liveness.sh']);
  });

  it('runs redis under its own ServiceAccount without a token', () => {
    const redis = obj('Deployment', 'argocd-redis').spec.template.spec;
    expect([redis.serviceAccountName, redis.automountServiceAccountToken]).toEqual(['argocd-redis', false]);
    expect(obj('ServiceAccount', 'argocd-redis').automountServiceAccountToken).toBe(false);
  });
});
