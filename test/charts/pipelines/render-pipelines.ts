// Renders the pipelines component (and the components it depends on) for one environment and
// returns its parsed documents.
import { loadEnvironment } from '../../../environments/load';
import type { EnvName } from '../../../environments/catalog';
import type { Environment } from '../../../environments/types';
import { COMPONENTS } from '../../../charts';
import type { ComponentDefinition } from '../../../charts/shared/component';
import { renderEnvironment } from '../../../render/environment';
import { renderedFromFiles } from '../../../policies/load-rendered';
import type { RenderedDocument, RenderedEnvironment } from '../../../policies/types';

function withDependencies(id: string): ComponentDefinition[] {
  const byId = new Map(COMPONENTS.map((c) => [c.id, c]));
  const picked = new Map<string, ComponentDefinition>();
  const visit = (cid: string) => {
    if (picked.has(cid)) return;
    const def = byId.get(cid);
    if (!def) throw new Error(`component ${cid} is not registered`);
    picked.set(cid, def);
    def.dependsOn.forEach(visit);
  };
  visit(id);
  return [...picked.values()];
}

export interface RenderedPipelines {
  readonly env: Environment;
  readonly files: Map<string, string>;
  readonly rendered: RenderedEnvironment;
  readonly pipelines: RenderedDocument[];
}

const cache = new Map<EnvName, RenderedPipelines>();

export function renderPipelines(name: EnvName): RenderedPipelines {
  const hit = cache.get(name);
  if (hit) return hit;
  const env = loadEnvironment(name);
  const files = renderEnvironment(env, withDependencies('pipelines'));
  const rendered = renderedFromFiles(name, files);
  const result = { env, files, rendered, pipelines: rendered.documents.filter((d) => d.component === 'pipelines') };
  cache.set(name, result);
  return result;
}

export function sparkApplication(r: RenderedPipelines, name: string): RenderedDocument {
  const doc = r.pipelines.find((d) => d.object.kind === 'SparkApplication' && d.object.metadata.name === name);
  if (!doc) throw new Error(`no SparkApplication ${name} rendered`);
  return doc;
}
