// Renders every component for one environment (cached) and indexes the parsed documents.
import { loadAll } from 'js-yaml';
import { COMPONENTS } from '../../../charts';
import { renderEnvironment } from '../../../render/environment';
import type { EnvName } from '../../../environments/catalog';
import { loadEnvironment } from '../../../environments/load';
import { renderedEnvironment } from '../../fixtures/rendered';
import type { Environment } from '../../../environments/types';

export interface Rendered {
  readonly env: Environment;
  readonly files: Map<string, string>;
  readonly docs: readonly { readonly path: string; readonly object: any }[];
}

const cache = new Map<string, Rendered>();

export function render(name: EnvName, tweak?: (env: Environment) => Environment): Rendered {
  const key = tweak ? `${name}+tweak${cache.size}` : name;
  const hit = tweak ? undefined : cache.get(key);
  if (hit) return hit;
  if (!tweak) return renderedEnvironment(name);
  const env = tweak ? tweak(loadEnvironment(name)) : loadEnvironment(name);
  const files = renderEnvironment(env, COMPONENTS);
  const docs = [...files].flatMap(([path, text]) => loadAll(text).filter((object) => object).map((object) => ({ path, object: object as any })));
  const result = { env, files, docs };
  if (!tweak) cache.set(key, result);
  return result;
}

export const find = (r: Rendered, kind: string, name: string) => r.docs.find((d) => d.object.kind === kind && d.object.metadata?.name === name)?.object;
export const helmSource = (r: Rendered, chart: string) => {
  const app = r.docs.find((d) => d.object.kind === 'Application' && (d.object.spec.sources ?? []).some((s: any) => s.chart === chart))?.object;
  return { app, source: app?.spec.sources.find((s: any) => s.chart === chart) };
};
