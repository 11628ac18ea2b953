// Renders one environment: every enabled component's folder, then the Argo CD layer in apps/.
import type { Environment } from '../../environments/types';
import type { ComponentContext, ComponentDefinition } from '../shared/component';
import { GRIDATA_VERSION } from '../shared/version';
import { renderApplication, renderBootstrap, APPS_FOLDER } from '../../apps/applications';
import { renderProjects } from '../../apps/projects';
import { syncWaves } from '../../apps/sync-waves';
import { renderUnits, type FileMap } from './render';

export function renderEnvironment(env: Environment, components: readonly ComponentDefinition[]): FileMap {
  const enabled = components.filter((c) => c.enabled?.(env) ?? true);
  assertDependenciesEnabled(env, enabled);
  const waves = syncWaves(enabled);
  const contexts = new Map<string, ComponentContext>(enabled.map((c) => [c.id, { env, version: c.version(env) }]));
  // Each upstream chart's values are generated once and shared by its Application and its project.
  const helmSources = new Map(enabled.map((c) => [c.id, c.helm?.(contexts.get(c.id)!)]));

  const withFolders = enabled.filter((c) => c.render);
  const { files, namespaces } = renderUnits(
    env,
    withFolders.map((c) => ({
      folder: c.id,
      version: contexts.get(c.id)!.version,
      sourceHint: `charts/${c.id}/`,
      build: (chart) => c.render!(chart, contexts.get(c.id)!),
    })),
  );

  const { files: appFiles } = renderUnits(env, [
    {
      folder: APPS_FOLDER,
      version: GRIDATA_VERSION,
      sourceHint: 'apps/',
      build: (chart) => {
        renderBootstrap(chart, env);
        renderProjects(
          chart,
          env,
          enabled.map((def) => ({
            def,
            helm: helmSources.get(def.id),
            namespaces: [...new Set([def.namespace, ...(namespaces.get(def.id) ?? [])])],
          })),
        );
        for (const def of enabled) {
          renderApplication(chart, env, def, helmSources.get(def.id), waves.get(def.id)!, namespaces.has(def.id));
        }
      },
    },
  ]);
  return new Map([...files, ...appFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function assertDependenciesEnabled(env: Environment, enabled: readonly ComponentDefinition[]): void {
  const ids = new Set(enabled.map((c) => c.id));
  for (const c of enabled) {
    for (const dep of c.dependsOn) {
      if (!ids.has(dep)) throw new Error(`${env.name}: component ${c.id} depends on ${dep}, which is disabled or unknown`);
    }
  }
}
