// environment → components: the enabled decision is each definition's own, a disabled component
// contributes no Vault consumers, and every component renders with the consumers of all enabled ones.
import { describe, expect, it } from 'vitest';
import { ApiObject } from 'cdk8s';
import { loadEnvironment } from '../../environments/load';
import type { Environment } from '../../environments/types';
import { COMPONENTS } from '../../charts';
import type { ComponentDefinition } from '../../charts/shared/component';
import type { OwnedConsumer, SyncedSecret } from '../../charts/shared/vault-secrets';
import { collectVaultConsumers, enabledComponents, renderEnvironment } from '../../render/pipeline';

const prod = loadEnvironment('prod');
const synced = (namespace: string, secretName: string): SyncedSecret => ({ kind: 'synced', namespace, secretName, path: `prod/${namespace}/${secretName}` });

function component(id: string, extra: Partial<ComponentDefinition> = {}): ComponentDefinition {
  return { id, description: id, namespace: id, project: 'data', dependsOn: [], version: () => '1.0.0', ...extra };
}

describe('enabled components and their Vault consumers', () => {
  it('collects the consumers of enabled components only, ordered by component id', () => {
    const components = [
      component('zeta', { vaultConsumers: () => [synced('zeta', 'z')] }),
      component('off', { enabled: () => false, vaultConsumers: () => [synced('off', 'never')] }),
      component('alpha', { vaultConsumers: () => [synced('alpha', 'a1'), synced('alpha', 'a2')] }),
      component('plain'),
    ];
    expect(enabledComponents(prod, components).map((c) => c.id)).toEqual(['zeta', 'alpha', 'plain']);
    expect(collectVaultConsumers(prod, components).map((c) => `${c.owner}:${(c.consumer as SyncedSecret).secretName}`)).toEqual([
      'alpha:a1',
      'alpha:a2',
      'zeta:z',
    ]);
  });

  it('refuses an enabled component that depends on a disabled one, and duplicate ids', () => {
    expect(() => enabledComponents(prod, [component('off', { enabled: () => false }), component('on', { dependsOn: ['off'] })])).toThrow(
      'prod: component on depends on off, which is disabled or unknown',
    );
    expect(() => enabledComponents(prod, [component('twice'), component('twice')])).toThrow('prod: two components have the id twice');
  });

  it('hands every component the same consumers of all enabled components', () => {
    const seen = new Map<string, readonly OwnedConsumer[]>();
    const recorder = (id: string) =>
      component(id, {
        render: (scope, ctx) => {
          seen.set(id, ctx.vaultConsumers);
          new ApiObject(scope, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id, namespace: id } });
        },
      });
    const components = [recorder('reader'), recorder('other'), { ...recorder('declarer'), vaultConsumers: () => [synced('declarer', 'd')] }];
    const files = renderEnvironment(prod, components);
    expect([...files.keys()].filter((f) => f.startsWith('prod/apps/application.'))).toEqual([
      'prod/apps/application.argocd.prod-declarer.yaml',
      // The root application syncs the apps folder's Application files, its own included.
      'prod/apps/application.argocd.prod-gridata-root.yaml',
      'prod/apps/application.argocd.prod-other.yaml',
      'prod/apps/application.argocd.prod-reader.yaml',
    ]);
    expect(seen.get('reader')).toEqual([{ owner: 'declarer', consumer: synced('declarer', 'd') }]);
    expect(seen.get('other')).toBe(seen.get('reader'));
    expect(seen.get('declarer')).toBe(seen.get('reader'));
  });

  it('datahub and monitoring contribute consumers exactly where their component is enabled', () => {
    const owners = (env: Environment) => new Set(collectVaultConsumers(env, COMPONENTS).map((c) => c.owner));
    const off: Environment = { ...prod, features: { ...prod.features, datahub: false, monitoring: false } };
    expect([...owners(prod)].filter((o) => o === 'datahub' || o === 'monitoring').sort()).toEqual(['datahub', 'monitoring']);
    expect([...owners(off)].filter((o) => o === 'datahub' || o === 'monitoring')).toEqual([]);
  });
});
