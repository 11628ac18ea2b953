// Pods that label themselves at run time: Vault's Kubernetes service registration, counted only when
// its image, the registration config and a binding to patch pods are all rendered.
import { describe, expect, it } from 'vitest';
import { selfLabelledPods } from '../../policies/self-labelled-pods';
import type { K8sObject } from '../../policies/types';
import { policyView } from '../fixtures/rendered';

const statefulSet = (image: string, volumes: unknown[] = [{ name: 'config', configMap: { name: 'vault-config' } }]): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'vault', namespace: 'v' },
  spec: { template: { metadata: { labels: { app: 'vault' } }, spec: { serviceAccountName: 'vault', containers: [{ name: 'vault', image }], volumes } } },
});
const configMap = (text: string): K8sObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'vault-config', namespace: 'v' }, data: { 'config.hcl': text } });
const role = (verbs: string[]): K8sObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'discovery', namespace: 'v' },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs }],
});
const binding = (account = 'vault'): K8sObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'discovery', namespace: 'v' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'discovery' },
  subjects: [{ kind: 'ServiceAccount', name: account, namespace: 'v' }],
});
const REGISTRATION = 'service_registration "kubernetes" {}\n';

describe('selfLabelledPods', () => {
  it('gives a Vault pod with the registration and a patch binding every combination of its four state labels', () => {
    const pods = selfLabelledPods([statefulSet('hashicorp/vault:2.0.4'), configMap(REGISTRATION), role(['get', 'patch']), binding()]);
    expect(pods).toHaveLength(16);
    expect(pods.every((p) => p.namespace === 'v' && p.labels.app === 'vault')).toBe(true);
    expect(new Set(pods.map((p) => p.labels['vault-active']))).toEqual(new Set(['true', 'false']));
    expect(Object.keys(pods[0].labels).sort()).toEqual(['app', 'vault-active', 'vault-initialized', 'vault-perf-standby', 'vault-sealed']);
    expect(pods[0].madeBy).toBe("Vault's Kubernetes service registration in StatefulSet vault");
  });

  it('counts nothing when any part of the contract is missing', () => {
    const complete = [configMap(REGISTRATION), role(['patch']), binding()];
    expect(selfLabelledPods([statefulSet('hashicorp/vault-k8s:1.7.6'), ...complete])).toEqual([]);
    expect(selfLabelledPods([statefulSet('hashicorp/vault:2.0.4', []), ...complete])).toEqual([]);
    expect(selfLabelledPods([statefulSet('hashicorp/vault:2.0.4'), configMap('storage "raft" {}\n'), role(['patch']), binding()])).toEqual([]);
    expect(selfLabelledPods([statefulSet('hashicorp/vault:2.0.4'), configMap(REGISTRATION), role(['get', 'list']), binding()])).toEqual([]);
    expect(selfLabelledPods([statefulSet('hashicorp/vault:2.0.4'), configMap(REGISTRATION), role(['patch']), binding('someone-else')])).toEqual([]);
  });

  it('makes the HA Services vault-active and vault-standby select the rendered Vault in staging and prod', () => {
    for (const env of ['staging', 'prod'] as const) {
      const pods = selfLabelledPods(policyView(env).documents.map((d) => d.object)).filter((p) => p.namespace === 'vault');
      expect(pods.length, env).toBe(16);
      expect(pods[0].labels).toMatchObject({ 'app.kubernetes.io/name': 'vault', 'app.kubernetes.io/instance': 'vault', component: 'server' });
    }
  });
});
