// Rules own their expectations: params with policy-side defaults, never generator constants.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, formatRemediation, formatViolation, withParams } from '../../policies/engine';
import { loadFixture } from '../../policies/fixtures';
import { parseDocuments } from '../../policies/load-rendered';
import { RULES } from '../../policies/rules';
import { automatedSync } from '../../policies/rules/argocd/automated-sync';
import { PINNED_IMAGE_PARAMS, pinnedImages, unpinnedReason } from '../../policies/rules/images/pinned-images';
import { standardLabels } from '../../policies/rules/metadata/standard-labels';
import { sparkNamespaceWatched } from '../../policies/rules/pipelines/spark-namespace';
import type { Rule } from '../../policies/types';

const ROOT = join(__dirname, '../..');
const POLICIES = join(ROOT, 'policies');
const fixture = (family: string, file: string) => loadFixture(join(POLICIES, 'rules', family, 'fixtures', file));
const messages = (rule: Rule, family: string, file: string) => evaluate(fixture(family, file).rendered, [rule]).violations.map((v) => v.message);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('policy rules own their expectations', () => {
  it('policies/ never imports the generator (charts/, apps/, main.ts)', () => {
    const offending: string[] = [];
    for (const file of sources(POLICIES)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
        const target = relative(ROOT, resolve(dirname(file), m[1]!));
        if (/^(charts|apps)(\/|$)|^main(\.ts)?$/.test(target)) offending.push(`${relative(ROOT, file)} -> ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('every rule with params runs with other params (withParams)', () => {
    const withExtraLabel = withParams(standardLabels, { requiredKeys: [...standardLabels.params!.requiredKeys, 'gridata.io/team'] });
    expect(messages(standardLabels, 'metadata', 'META-001.pass.yaml')).toEqual([]);
    expect(messages(withExtraLabel, 'metadata', 'META-001.pass.yaml')).toEqual(['metadata.labels lacks gridata.io/team', 'pod template lacks gridata.io/team']);
    expect(standardLabels.params!.requiredKeys).toHaveLength(7); // withParams copies, it does not mutate
  });

  it('PIPE-003 holds SparkApplications to the policy\'s job namespace even when the operator watches theirs', () => {
    const moved = withParams(sparkNamespaceWatched, { jobNamespaces: ['spark-batch'] });
    expect(messages(moved, 'pipelines', 'PIPE-003.pass.yaml')).toEqual(['namespace "spark-jobs" is not a Spark job namespace (spark-batch)']);
  });

  it('ARGO-004 requires the sync options the policy names', () => {
    expect(messages(withParams(automatedSync, { requiredSyncOptions: ['ServerSideApply=true'] }), 'argocd', 'ARGO-004.pass.yaml')).toEqual([]);
    expect(messages(withParams(automatedSync, { requiredSyncOptions: ['Replace=true'] }), 'argocd', 'ARGO-004.pass.yaml')).toEqual(['syncPolicy.syncOptions lacks Replace=true']);
  });

  it("IMG-001's notion of an exact tag", () => {
    for (const ok of ['1.2.3', 'v1.2.3', '17.5.0-debian-12-r4', '3.5.7-scala2.12-java17-python3-ubuntu', 'RELEASE.2025-04-22T22-12-26Z']) {
      expect(unpinnedReason(`ghcr.io/x/y:${ok}`), ok).toBeUndefined();
    }
    expect(unpinnedReason(`ghcr.io/x/y@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(unpinnedReason('localhost:5000/y')).toBe('has no tag (defaults to latest)');
    expect(unpinnedReason('ghcr.io/x/y:latest')).toBe('uses the floating tag "latest"');
    expect(unpinnedReason('ghcr.io/x/y:3.5')).toMatch(/is not an exact version/);
    expect(unpinnedReason('ghcr.io/x/y:v1.2.3', { ...PINNED_IMAGE_PARAMS, exactTags: { digits: /^\d+\.\d+\.\d+$/ } })).toMatch(/not an exact version \(digits\)/);
    expect(pinnedImages.params).toBe(PINNED_IMAGE_PARAMS);
  });

  it("the review-only marker is Argo CD's convention, stated by the policy side", () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: b }\n';
    expect(parseDocuments('prod', 'x', 'f.yaml', `# +argocd:skip-file-rendering\n${doc}`)[0]!.reviewOnly).toBe(true);
    expect(parseDocuments('prod', 'x', 'f.yaml', `# +argocd:skip\n${doc}`)[0]!.reviewOnly).toBe(false);
  });
});

describe('remediation', () => {
  it('is printed under each violation', () => {
    const [v] = evaluate(fixture('argocd', 'ARGO-004.fail.yaml').rendered, [automatedSync]).violations;
    expect(formatViolation(v!)).toMatch(/ARGO-004: /);
    expect(formatRemediation(v!)).toBe(`  fix: ${automatedSync.remediation}`);
  });

  it('is set for every rule', () => {
    expect(RULES.filter((r) => !r.remediation?.trim()).map((r) => r.id)).toEqual([]);
  });
});
