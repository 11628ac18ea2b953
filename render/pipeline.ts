// The render pipeline, top layer of the TypeScript project (docs/decisions/0014):
//   environments/<env>.yaml → typed Environment → enabled components (charts/index.ts)
//   → each component's chart → the Argo CD layer (apps/) → files under dist/<env>/.
// main.ts (the CLI) and tools/ use this module; nothing imports main.ts.
import { resolve } from 'node:path';
import { ENVIRONMENTS } from '../environments/catalog';
import { loadEnvironment } from '../environments/load';
import { EnvironmentError, type EnvironmentIssue } from '../environments/errors';
import { COMPONENTS } from '../charts';
import { renderEnvironment } from './environment';
import type { FileMap } from './units';

export type { FileMap } from './units';
export { renderEnvironment } from './environment';
export { collectFlows, collectVaultConsumers, enabledComponents } from './components';
export { writeAtomically } from './write-atomically';
export { renderUnits } from './units';

/** Every environment, read from `environmentsDir` (default environments/), as one file map relative to dist/. */
export function renderAll(environmentsDir?: string): FileMap {
  // Every file is validated before anything renders; a refusal lists the problems of every bad file.
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
  const files: FileMap = new Map();
  for (const env of environments) {
    for (const [path, content] of renderEnvironment(env, COMPONENTS)) files.set(path, content);
  }
  return files;
}
