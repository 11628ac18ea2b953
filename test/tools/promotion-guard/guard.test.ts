import { afterEach, describe, expect, it } from 'vitest';
import { checkPromotionHistory } from '../../../tools/promotion-guard/guard';
import { repoRootOf } from '../../../tools/review/git';
import { createGitFixture, type GitFixture } from '../git-fixture';

/** A minimal environment file: the guard reads only the versions block. */
function environment(name: string, vault: string, chart = '0.34.1'): string {
  return `name: ${name}\nversions:\n  vault:\n    chart: ${chart}\n    images:\n      vault: { repository: hashicorp/vault, tag: ${vault} }\n`;
}

function envFiles(dev: string, staging: string, prod: string, prodChart = '0.34.1'): Record<string, string> {
  return {
    'environments/dev.yaml': environment('dev', dev),
    'environments/staging.yaml': environment('staging', staging),
    'environments/prod.yaml': environment('prod', prod, prodChart),
  };
}

let repo: GitFixture;
afterEach(() => repo?.remove());

describe('promotion guard', () => {
  it('passes on the real repository history', () => {
    expect(checkPromotionHistory(repoRootOf(__dirname))).toEqual([]);
  });

  it('passes a history that promotes dev → staging → prod in order', () => {
    repo = createGitFixture();
    repo.commit('start', envFiles('2.0.4', '2.0.4', '2.0.4'));
    repo.commit('dev', envFiles('2.1.0', '2.0.4', '2.0.4'));
    repo.commit('staging', envFiles('2.1.0', '2.1.0', '2.0.4'));
    repo.commit('dev moves on', envFiles('2.2.0', '2.1.0', '2.0.4'));
    repo.commit('prod', envFiles('2.2.0', '2.1.0', '2.1.0'));
    expect(checkPromotionHistory(repo.dir)).toEqual([]);
  });

  it('passes staging and prod changed by the same main-line commit (a merged branch)', () => {
    repo = createGitFixture();
    repo.commit('start', envFiles('2.1.0', '2.0.4', '2.0.4'));
    repo.git('checkout', '--quiet', '-b', 'release');
    repo.commit('prod first on the branch', envFiles('2.1.0', '2.0.4', '2.1.0'));
    repo.commit('then staging', envFiles('2.1.0', '2.1.0', '2.1.0'));
    repo.git('checkout', '--quiet', 'main');
    repo.git('merge', '--quiet', '--no-ff', '-m', 'merge release', 'release');
    expect(checkPromotionHistory(repo.dir)).toEqual([]);
  });

  it('reports a prod version that staging only got later, and a staging version dev never had', () => {
    repo = createGitFixture();
    const start = repo.commit('start', envFiles('2.0.4', '2.0.4', '2.0.4'));
    const prodFirst = repo.commit('prod jumps ahead', envFiles('2.0.4', '2.0.4', '2.1.0', '0.35.0'));
    repo.commit('staging catches up', envFiles('2.0.4', '2.1.0', '2.1.0', '0.35.0'));
    const violations = checkPromotionHistory(repo.dir);
    expect(violations.map((v) => `${v.env}←${v.lower} ${v.pin}=${v.value} @${v.introducedIn}`)).toEqual([
      `staging←dev vault.images.vault=hashicorp/vault:2.1.0 @${repo.git('rev-parse', 'HEAD').trim()}`,
      `prod←staging vault.chart=0.35.0 @${prodFirst}`,
      `prod←staging vault.images.vault=hashicorp/vault:2.1.0 @${prodFirst}`,
    ]);
    expect(violations[1]!.message).toBe(`prod pins vault.chart = 0.35.0 (since ${prodFirst.slice(0, 12)}), but staging never pinned it at or before that commit`);
    expect(start).not.toBe(prodFirst);
  });

  it('judges a value by its latest introduction: a rollback to an old, staged value passes', () => {
    repo = createGitFixture();
    repo.commit('start', envFiles('2.0.4', '2.0.4', '2.0.4'));
    repo.commit('all on 2.1.0', envFiles('2.1.0', '2.1.0', '2.1.0'));
    repo.commit('prod rolls back', envFiles('2.1.0', '2.1.0', '2.0.4'));
    expect(checkPromotionHistory(repo.dir)).toEqual([]);
  });

  it('refuses a shallow clone with a clear message', () => {
    repo = createGitFixture();
    repo.commit('one', envFiles('2.0.4', '2.0.4', '2.0.4'));
    repo.commit('two', envFiles('2.1.0', '2.0.4', '2.0.4'));
    const shallow = createGitFixture();
    shallow.remove();
    repo.git('clone', '--quiet', '--depth', '1', `file://${repo.dir}`, shallow.dir);
    try {
      expect(() => checkPromotionHistory(shallow.dir)).toThrow('is a shallow clone: the promotion guard needs the full history (actions/checkout with fetch-depth: 0)');
    } finally {
      shallow.remove();
    }
  });
});
