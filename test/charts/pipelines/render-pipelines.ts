// The pipelines component's parsed documents in one committed environment (from the shared
// rendered fixture), with the environment's policy view of them.
import type { EnvName } from '../../../environments/catalog';
import type { Environment } from '../../../environments/types';
import { policyView, renderedEnvironment } from '../../fixtures/rendered';
import type { RenderedDocument, RenderedEnvironment } from '../../../policies/types';

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
  const { env, files } = renderedEnvironment(name);
  const rendered = policyView(name);
  const result = { env, files, rendered, pipelines: rendered.documents.filter((d) => d.component === 'pipelines') };
  cache.set(name, result);
  return result;
}

export function sparkApplication(r: RenderedPipelines, name: string): RenderedDocument {
  const doc = r.pipelines.find((d) => d.object.kind === 'SparkApplication' && d.object.metadata.name === name);
  if (!doc) throw new Error(`no SparkApplication ${name} rendered`);
  return doc;
}
