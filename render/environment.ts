// Renders one environment: environment → enabled components → each component's folder
// (charts/<id>) → the Argo CD layer (apps/) → one file map.
import type { Environment } from '../environments/types';
import type { ComponentDefinition } from '../charts/shared/component';
import { GRIDATA_VERSION } from '../charts/shared/version';
import { renderApplication, renderBootstrap, APPS_FOLDER } from '../apps/applications';
import { renderProjects } from '../apps/projects';
import { syncWaves } from '../apps/sync-waves';
import { componentContexts, enabledComponents } from './components';
import { renderUnits, type FileMap } from './units';

export function renderEnvironment(env: Environment, components: readonly ComponentDefinition[]): FileMap {
  const enabled = enabledComponents(env, components);
  const waves = syncWaves(enabled);
  const contexts = componentContexts(env, enabled);
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
