// A temporary git repository holding the real environment files and their committed dist/,
// rendered by the real renderer, for the promote and guard tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { renderAll } from '../../../render/pipeline';
import { writeAtomically } from '../../../render/pipeline';
import { createGitFixture, type GitFixture } from '../git-fixture';

const REAL_ENVIRONMENTS = join(__dirname, '../../../environments');

export interface PromotionRepo extends GitFixture {
  /** Reads environments/<env>.yaml of the fixture. */
  environment(env: string): string;
  /** Sets one value in environments/<env>.yaml (Document API, formatting kept). */
  setVersion(env: string, path: string[], value: string): void;
  /** `npm run synth` equivalent inside the fixture. */
  synth(): void;
}

export function createPromotionRepo(): PromotionRepo {
  const fixture = createGitFixture('gridata-promote-');
  for (const env of ['dev', 'staging', 'prod']) {
    fixture.write(`environments/${env}.yaml`, readFileSync(join(REAL_ENVIRONMENTS, `${env}.yaml`), 'utf8'));
  }
  const repo: PromotionRepo = {
    ...fixture,
    environment: (env) => readFileSync(join(fixture.dir, 'environments', `${env}.yaml`), 'utf8'),
    setVersion(env, path, value) {
      const doc = parseDocument(repo.environment(env));
      if (!doc.hasIn(['versions', ...path])) throw new Error(`fixture: ${env} has no versions.${path.join('.')}`);
      doc.setIn(['versions', ...path], value);
      fixture.write(`environments/${env}.yaml`, doc.toString({ lineWidth: 0 }));
    },
    synth: () => writeAtomically(join(fixture.dir, 'dist'), renderAll(join(fixture.dir, 'environments'))),
  };
  repo.synth();
  repo.commit('initial environments and dist');
  return repo;
}
