// The layer rules (docs/decisions/0014) hold for the repository, and the checker catches each
// kind of violation on small in-memory examples.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers, repositorySources, type SourceFile } from './layers';

const ROOT = join(__dirname, '../..');
const file = (path: string, text: string): SourceFile => ({ path, text });
const rulesOf = (files: SourceFile[]) => checkLayers(files).map((v) => `${v.file}:${v.line} ${v.rule}`);

describe('layer rules of the repository', () => {
  const sources = repositorySources(ROOT);

  it('finds the sources of every layer', () => {
    for (const prefix of ['main.ts', 'render/', 'charts/', 'apps/', 'environments/', 'policies/', 'tools/', 'test/']) {
      expect(sources.some((s) => s.path.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it('has no violation', () => {
    expect(checkLayers(sources).map((v) => `${v.file}:${v.line} ${v.rule}: ${v.message}`)).toEqual([]);
  });
});

describe('checkLayers', () => {
  it('accepts the allowed directions', () => {
    expect(
      rulesOf([
        file('charts/airflow/index.ts', "import type { ComponentDefinition } from '../shared/component';\nimport { x } from '../../environments/load';\nexport const a = x();\n"),
        file('apps/applications.ts', "import type { ComponentDefinition } from '../charts/shared/component';\nimport type { AirflowIdentity } from '../charts/airflow/constants';\nimport { LABEL } from '../charts/shared/labels';\n"),
        file('render/pipeline.ts', "import { COMPONENTS } from '../charts';\nimport { renderApplication } from '../apps/applications';\n"),
        file('main.ts', "import { synthCommand } from './render/cli';\nprocess.exitCode = synthCommand([]);\n"),
        file('tools/check-dist/check-dist.ts', "import { renderAll } from '../../render/pipeline';\nimport 'node:fs';\n"),
      ]),
    ).toEqual([]);
  });

  it('refuses charts/ importing apps/ or render/', () => {
    expect(
      rulesOf([
        file('charts/vault-config/model.ts', "import { APPS_FOLDER } from '../../apps/applications';\n"),
        file('charts/pipelines/render.ts', "import type { FileMap } from '../../render/pipeline';\nexport { toYaml } from '../../render/serialize';\n"),
      ]),
    ).toEqual(['charts/vault-config/model.ts:1 layer', 'charts/pipelines/render.ts:1 layer', 'charts/pipelines/render.ts:2 layer']);
  });

  it('refuses apps/ importing render/ or a component folder for more than types', () => {
    expect(
      rulesOf([
        file('apps/applications.ts', "import { renderUnits } from '../render/units';\nimport { airflowComponent } from '../charts/airflow';\n"),
      ]),
    ).toEqual(['apps/applications.ts:1 layer', 'apps/applications.ts:2 layer']);
  });

  it('refuses any import of main.ts, static or dynamic', () => {
    expect(
      rulesOf([
        file('tools/promote/promote.ts', "import { renderAll } from '../../main';\n"),
        file('policies/cli.ts', "const m = require('../main.ts');\n"),
        file('test/render/render.test.ts', "const m = await import('../../main');\n"),
      ]),
    ).toEqual(['tools/promote/promote.ts:1 main-import', 'policies/cli.ts:1 main-import', 'test/render/render.test.ts:1 main-import']);
  });

  it('refuses side-effect-only imports and module-level calls in charts/', () => {
    expect(
      rulesOf([
        file('charts/airflow/index.ts', "import { chartVersion } from '../shared/images';\nimport './vault';\n"),
        file(
          'charts/object-store/index.ts',
          "import { registerVaultConsumers } from '../shared/vault-secrets';\n\nregisterVaultConsumers('object-store', () => []);\nexport const x = 1;\n",
        ),
      ]),
    ).toEqual(['charts/airflow/index.ts:2 side-effect-import', 'charts/object-store/index.ts:3 module-level-call']);
  });

  it('leaves side-effect imports and module-level calls outside charts/ to their owners', () => {
    expect(rulesOf([file('policies/rules/chart-values/index.ts', "import './airflow-vault-pods';\nregister();\n")])).toEqual([]);
  });
});
