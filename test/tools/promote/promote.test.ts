import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAll } from '../../../render/pipeline';
import { planPromotion, type PromotionRequest } from '../../../tools/promote/plan';
import { applyPromotion } from '../../../tools/promote/apply';
import { PromotionRefused } from '../../../tools/promote/refusal';
import { main as promoteCommand } from '../../../tools/promote/promote';
import { checkPromotionHistory } from '../../../tools/promotion-guard/guard';
import { createPromotionRepo, type PromotionRepo } from './promotion-repo';
import { BAD_SOURCE_FILES } from '../../fixtures/bad-environments';

// Each case renders every environment (twice for diff); generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const MINIO_TAG = ['objectStore', 'images', 'minio', 'tag'];
const OLD_MINIO = 'RELEASE.2025-04-08T15-41-24Z';
const NEW_MINIO = 'RELEASE.2025-04-22T22-12-26Z';

// Cases that change the fixture get their own repository; refusals that stop before rendering share one.
let repo: PromotionRepo;
const fresh = () => {
  repo = createPromotionRepo();
};
afterEach(() => {
  if (repo && !shared) repo.remove();
});
let shared = false;

const request = (from: string, to: string, only?: string[]): PromotionRequest => ({ repoDir: repo.dir, from, to, only, render: renderAll });

/** Every file of environments/ and dist/ with its content, to prove a refusal wrote nothing. */
function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(repo.dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(join(repo.dir, 'environments'));
  walk(join(repo.dir, 'dist'));
  return files;
}

/** Moves staging ahead the way a team would: a newer MinIO image in dev, promoted to staging. */
function bumpStaging(): void {
  repo.setVersion('dev', MINIO_TAG, NEW_MINIO);
  repo.synth();
  repo.commit('dev: MinIO RELEASE.2025-04-22');
  applyPromotion(planPromotion(request('dev', 'staging', ['objectStore'])), repo.dir);
  repo.commit('promote objectStore dev → staging');
}

function expectRefusal(req: PromotionRequest, message: string | RegExp): void {
  const before = snapshot();
  expect(() => planPromotion(req)).toThrow(PromotionRefused);
  expect(() => planPromotion(req)).toThrow(message);
  expect(snapshot()).toEqual(before);
}

describe('promote', () => {
  describe('promotes', () => {
    beforeEach(fresh);

    it('copies the selected versions entry to the next environment, re-renders dist/ and passes the guard', () => {
      bumpStaging();
      const prodBefore = repo.environment('prod');
      const plan = planPromotion(request('staging', 'prod', ['objectStore']));
      expect(plan.pinChanges).toEqual([
        { pin: 'objectStore.images.minio', before: `quay.io/minio/minio:${OLD_MINIO}`, after: `quay.io/minio/minio:${NEW_MINIO}` },
      ]);
      expect(plan.review.flags.filter((f) => f.severity === 'risk')).toEqual([]);
      expect(plan.review.flags.filter((f) => f.severity === 'version').map((f) => `${f.env}: ${f.message}`)).toEqual([
        `prod: \`objectStore.images.minio\`: \`quay.io/minio/minio:${OLD_MINIO}\` → \`quay.io/minio/minio:${NEW_MINIO}\``,
      ]);
      applyPromotion(plan, repo.dir);

      // Exactly one line of prod.yaml changed: the MinIO tag; comments and the rest are untouched.
      const changed = repo.environment('prod').split('\n').filter((line, i) => line !== prodBefore.split('\n')[i]);
      expect(changed).toEqual([`      minio: { repository: quay.io/minio/minio, tag: ${NEW_MINIO} }`]);
      expect(repo.environment('prod').split('\n').filter((l) => l.trimStart().startsWith('#'))).toEqual(
        prodBefore.split('\n').filter((l) => l.trimStart().startsWith('#')),
      );
      // dist/ is what a fresh synth produces from the new files.
      const fresh = renderAll(join(repo.dir, 'environments'));
      for (const [path, content] of fresh) expect(readFileSync(join(repo.dir, 'dist', path), 'utf8')).toBe(content);

      repo.commit('promote objectStore staging → prod');
      expect(checkPromotionHistory(repo.dir)).toEqual([]);
    });

    it('writes nothing on a dry run (the plan is the same)', () => {
      bumpStaging();
      const before = snapshot();
      const plan = planPromotion(request('staging', 'prod'));
      expect(plan.components).toContain('objectStore');
      expect(plan.pinChanges.map((c) => c.pin)).toEqual(['objectStore.images.minio']);
      expect(snapshot()).toEqual(before);
    });

  });

  describe('refuses, writing nothing', () => {
    beforeAll(() => {
      fresh();
      shared = true;
    });
    afterAll(() => {
      shared = false;
      repo.remove();
    });

    it('through the command: exit 1 with the reason, exit 2 on a usage error', () => {
      const errors: string[] = [];
      const spy = vi.spyOn(console, 'error').mockImplementation((...m: unknown[]) => void errors.push(m.join(' ')));
      try {
        expect(promoteCommand(['--from', 'dev', '--to', 'prod', '--repo', repo.dir])).toBe(1);
        expect(promoteCommand(['--from', 'staging', '--repo', repo.dir])).toBe(2);
        expect(promoteCommand(['--from', 'staging', '--to', 'prod', '--only'])).toBe(2);
      } finally {
        spy.mockRestore();
      }
      expect(errors[0]).toBe('refused: cannot promote dev → prod: that skips staging; promote dev → staging first (dev → staging → prod); nothing written');
      expect(errors[1]).toContain('--from and --to are required');
      expect(errors[2]).toContain('--only needs at least one value');
    });

    it('an unknown environment', () => {
      expectRefusal(request('qa', 'prod'), 'unknown environment "qa": expected one of dev, staging, prod');
      expectRefusal(request('staging', 'production'), 'unknown environment "production"');
    });

    it('a promotion backwards against dev → staging → prod', () => {
      expectRefusal(request('prod', 'staging'), 'cannot promote prod → staging: that goes backwards against dev → staging → prod');
    });

    it('a promotion that skips an environment', () => {
      expectRefusal(request('dev', 'prod'), 'cannot promote dev → prod: that skips staging; promote dev → staging first');
    });

    it('a promotion to the same environment', () => {
      expectRefusal(request('staging', 'staging'), 'cannot promote staging to itself');
    });

    it('a component the source has no versions entry for', () => {
      expectRefusal(request('staging', 'prod', ['minio']), 'environments/staging.yaml has no versions entry for "minio"');
    });

    it('a promotion that changes nothing', () => {
      expectRefusal(request('staging', 'prod', ['objectStore']), 'nothing to promote: prod already pins exactly what staging pins for objectStore');
    });

    for (const bad of BAD_SOURCE_FILES) {
      it(`through the command, a source file with ${bad.name}: one line "refused: …", exit 1, nothing changed`, () => {
        const committed = repo.environment('dev');
        repo.write('environments/dev.yaml', bad.text());
        const before = snapshot();
        const errors: string[] = [];
        const spy = vi.spyOn(console, 'error').mockImplementation((...m: unknown[]) => void errors.push(m.join(' ')));
        try {
          expect(promoteCommand(['--from', 'dev', '--to', 'staging', '--repo', repo.dir])).toBe(1);
        } finally {
          spy.mockRestore();
          expect(snapshot()).toEqual(before);
          repo.write('environments/dev.yaml', committed);
        }
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(/^refused: environments\/dev\.yaml is not a valid environment file/);
        expect(errors[0]).toContain(bad.reason);
        expect(errors[0]).not.toContain('\n');
      });
    }

  });

  describe('refuses, writing nothing, after a change', () => {
    beforeEach(fresh);

    it('a target already newer than the source (MinIO tags compared by timestamp, charts by version)', () => {
      repo.setVersion('prod', MINIO_TAG, NEW_MINIO);
      repo.setVersion('prod', ['vault', 'chart'], '0.99.0');
      // No synth: 0.99.0 is not in the chart lock, so it cannot render; the version check refuses first.
      repo.commit('prod ahead');
      expectRefusal(
        request('staging', 'prod', ['objectStore', 'vault']),
        `prod is already newer than staging for objectStore.images.minio (prod quay.io/minio/minio:${NEW_MINIO}, staging quay.io/minio/minio:${OLD_MINIO}); vault.chart (prod 0.99.0, staging`,
      );
    });

    it('a source whose committed dist/ was edited by hand', () => {
      bumpStaging();
      const file = [...renderAll(join(repo.dir, 'environments')).keys()].find((p) => p.startsWith('staging/'))!;
      repo.write(`dist/${file}`, readFileSync(join(repo.dir, 'dist', file), 'utf8') + '# edited by hand\n');
      repo.commit('hand edit in dist');
      repo.synth(); // the working tree is fresh again; the commit is not
      expectRefusal(
        request('staging', 'prod', ['objectStore']),
        `the committed dist/staging is stale: 1 file(s) differ from a fresh render of environments/staging.yaml (dist/${file}). Run \`npm run synth\``,
      );
    });

    it('a source whose committed dist/ holds a file the renderer no longer produces', () => {
      bumpStaging();
      repo.commit('leftover', { 'dist/staging/removed-component/deployment.x.y.yaml': 'kind: Deployment\n' });
      expectRefusal(request('staging', 'prod', ['objectStore']), 'dist/staging/removed-component/deployment.x.y.yaml');
    });
  });
});
