// Renders every component for one environment (cached) and indexes the parsed documents.
import { loadAll } from 'js-yaml';
import { parse } from 'yaml';
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
  const docs = [...files].filter(([path]) => !path.split('/').includes('values')).flatMap(([path, text]) => loadAll(text).filter((object) => object).map((object) => ({ path, object: object as any })));
  const result = { env, files, docs };
  if (!tweak) cache.set(key, result);
  return result;
}

export const find = (r: Rendered, kind: string, name: string) => r.docs.find((d) => d.object.kind === kind && d.object.metadata?.name === name)?.object;
/** The Application of a DataHub component and the values its chart was rendered with. */
export const helmSource = (r: Rendered, component: 'datahub' | 'datahub-prerequisites') => {
  const app = r.docs.find((d) => d.object.kind === 'Application' && d.object.metadata.name === `${r.env.name}-${component}`)?.object;
  const file = [...r.files.keys()].find((p) => p.startsWith(`${r.env.name}/${component}/values/`))!;
  const release = parse(r.files.get(file)!) as { repository: string; version: string; releaseName: string; values: any };
  return { app, release, values: release.values };
};
