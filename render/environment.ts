// Renders one environment: environment → enabled components → each component's folder (our
// objects from charts/<id>, plus its upstream chart's objects hydrated by render/hydrate) → the
// Argo CD layer (apps/) → one file map.
import { ApiObject } from 'cdk8s';
import type { Environment } from '../environments/types';
import type { ComponentDefinition, HelmSource } from '../charts/shared/component';
import { renderFlowPolicies } from '../charts/shared/flows';
import { GRIDATA_VERSION } from '../charts/shared/version';
import { renderApplication, renderArgoCdLayer, renderBootstrap, renderRootApplication, APPS_FOLDER } from '../apps/applications';
import { PROJECTS_COMPONENT, type ProjectMember } from '../apps/projects';
import { syncWaves } from '../apps/sync-waves';
import { componentContexts, enabledComponents } from './components';
import { noteCrd, syncCrdsBeforeTheirResources } from './crd-waves';
import { hydrateChart } from './hydrate/hydrate';
import { HydratedObject } from './hydrate/hydrated-object';
import { chartValuesFile } from './hydrate/values-file';
import { renderUnits, setSelectedLabels, setSourceHint, type FileMap } from './units';
import { selectedLabels } from './standard-labels';

/**
 * Renders `env`. `unitRendered`, when given, receives each folder's files as soon as the folder is
 * rendered (the writer thread writes them while the rest renders); the whole map is returned too.
 */
export function renderEnvironment(env: Environment, components: readonly ComponentDefinition[], unitRendered?: (files: FileMap) => void): FileMap {
  const enabled = enabledComponents(env, components);
  const waves = syncWaves(enabled);
  const contexts = componentContexts(env, enabled);
  // Each upstream chart's values are generated once and shared by its hydration and its values file.
  const helmSources = new Map(enabled.flatMap((c) => (c.helm ? [[c.id, c.helm(contexts.get(c.id)!)] as const] : [])));

  const { files, namespaces, clusterKinds } = renderUnits(
    env,
    enabled.map((c) => ({
      folder: c.id,
      version: contexts.get(c.id)!.version,
      sourceHint: `charts/${c.id}/`,
      build: (chart) => {
        c.render?.(chart, contexts.get(c.id)!);
        // The NetworkPolicies of the workloads the component owns, generated from every declared flow.
        renderFlowPolicies(chart, c.id, contexts.get(c.id)!.flows);
        const helm = helmSources.get(c.id);
        if (helm) addChartObjects(chart, env, c, helm);
        syncCrdsBeforeTheirResources(chart);
      },
    })),
    unitRendered,
  );
  for (const [id, helm] of helmSources) {
    const values = chartValuesFile(env, id, contexts.get(id)!.version, helm);
    files.set(values.path, values.content);
    unitRendered?.(new Map([[values.path, values.content]]));
  }

  const members: ProjectMember[] = enabled.map((def) => ({
    def,
    namespaces: [...new Set([def.namespace, ...(namespaces.get(def.id) ?? [])])],
    clusterKinds: clusterKinds.get(def.id) ?? [],
  }));
  const { files: appFiles } = renderUnits(env, [
    {
      folder: APPS_FOLDER,
      version: GRIDATA_VERSION,
      sourceHint: 'apps/',
      build: (chart) => {
        renderRootApplication(chart, env);
        for (const def of enabled) {
          if (!namespaces.has(def.id)) throw new Error(`component ${def.id} renders nothing and installs no chart`);
          renderApplication(chart, env, def, waves.get(def.id)!);
        }
      },
    },
    // The AppProjects, owned by the Argo CD component (decision 0040);
    // a partial render without it (tests) keeps only bootstrap.yaml's copies.
    ...(contexts.has(PROJECTS_COMPONENT)
      ? [{ folder: PROJECTS_COMPONENT, version: contexts.get(PROJECTS_COMPONENT)!.version, sourceHint: 'apps/', build: (chart: Parameters<typeof renderArgoCdLayer>[0]) => renderArgoCdLayer(chart, env, members) }]
      : []),
  ], unitRendered);
  // The hand-applied seed, copies of the AppProjects and the root application: rendered on its own,
  // as the same objects are rendered a second time.
  const { files: seedFiles } = renderUnits(env, [{ folder: APPS_FOLDER, version: GRIDATA_VERSION, sourceHint: 'apps/', build: (chart) => renderBootstrap(chart, env, members) }], unitRendered);
  return new Map([...files, ...appFiles, ...seedFiles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function addChartObjects(scope: ApiObject['chart'], env: Environment, def: ComponentDefinition, helm: HelmSource): void {
  const hint = `chart ${helm.chart} ${helm.version} (charts.lock.yaml) with values from charts/${def.id}/`;
  const objects = hydrateChart(env, def.namespace, helm);
  const selected = selectedLabels(objects);
  for (const object of objects) {
    const { apiVersion, kind, metadata, ...rest } = object;
    const id = `chart-${kind}-${metadata.namespace ?? ''}-${metadata.name}`;
    const apiObject = new HydratedObject(scope, id, { apiVersion, kind, metadata, ...rest });
    noteCrd(apiObject, object);
    setSourceHint(apiObject, hint);
    const runtime = (helm.runtimeSelectors ?? []).filter((s) => s.kind === kind && s.names.includes(metadata.name)).map((s) => s.labels);
    setSelectedLabels(apiObject, [...selected, ...runtime]);
  }
}
