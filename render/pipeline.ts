// The render pipeline, top layer of the TypeScript project (docs/decisions/0014):
//   environments/<env>.yaml → typed Environment → enabled components (charts/index.ts)
//   → each component's chart → the Argo CD layer (apps/) → files under dist/<env>/.
// main.ts (the CLI) and tools/ use this module; nothing imports main.ts.
import { resolve } from 'node:path';
import { ENVIRONMENTS } from '../environments/catalog';
import { loadEnvironment } from '../environments/load';
import { EnvironmentError, type EnvironmentIssue } from '../environments/errors';
import { COMPONENTS } from '../charts';
import type { Environment } from '../environments/types';
import { renderEnvironment } from './environment';
import type { FileMap } from './units';

export type { FileMap } from './units';
export { renderEnvironment } from './environment';
export { collectFlows, collectVaultConsumers, enabledComponents } from './components';
export { writeAtomically, writeAtomicallyInBackground } from './write-atomically';
export { renderUnits } from './units';

/** Every environment, read from `environmentsDir` (default environments/), as one file map relative to dist/. */
export function renderAll(environmentsDir?: string): FileMap {
  const files: FileMap = new Map();
  renderEach(environmentsDir, (environmentFiles) => {
    for (const [path, content] of environmentFiles) files.set(path, content);
  });
  return files;
}

/**
 * Renders every environment in turn, handing each one's files (relative to dist/) to `rendered`
 * as soon as it is done, so they can be written while the next renders. Every environment file is
 * validated before anything renders; a refusal lists the problems of every bad file.
 */
export function renderEach(environmentsDir: string | undefined, rendered: (files: FileMap) => void): void {
  for (const env of loadEnvironments(environmentsDir)) rendered(renderEnvironment(env, COMPONENTS));
}

/**
 * renderEach, waiting for `ready(name)` before each environment renders (its chart outputs being
 * templated), and handing over each folder's files as soon as that folder is rendered.
 */
export async function renderEachAsync(
  environmentsDir: string | undefined,
  ready: (name: string) => Promise<void>,
  unitRendered: (files: FileMap) => void,
): Promise<void> {
  for (const env of loadEnvironments(environmentsDir)) {
    await ready(env.name);
    renderEnvironment(env, COMPONENTS, unitRendered);
  }
}

function loadEnvironments(environmentsDir: string | undefined): Environment[] {
  const issues: EnvironmentIssue[] = [];
  const environments = ENVIRONMENTS.flatMap((name) => {
    try {
      return [loadEnvironment(name, environmentsDir ? resolve(environmentsDir, `${name}.yaml`) : undefined)];
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      issues.push(...error.issues);
      return [];
    }
  });
  if (issues.length > 0) throw new EnvironmentError(issues);
  return environments;
}
