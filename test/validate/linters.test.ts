// kube-score (pinned, built from the Go module proxy) findings and how exemptions absorb them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Exemption } from '../../policies/types';
import { buildTools, goBin } from '../../tools/validate/control-plane';
import { runKubeScore } from '../../tools/validate/kube-score';
import { applyExemptions, type LinterFinding } from '../../tools/validate/linter-findings';

// kube-score's own ignore annotation is present and must have no effect.
const deploymentWithoutLimits = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: no-limits
  namespace: shop
  annotations:
    kube-score/ignore: container-resources
spec:
  replicas: 2
  selector: {matchLabels: {app: no-limits}}
  template:
    metadata: {labels: {app: no-limits}}
    spec:
      containers:
        - name: app
          image: registry.example/app:1.0.0
`;

let findings: LinterFinding[];

beforeAll(() => {
  buildTools(['kube-score']);
  const dir = mkdtempSync(join(tmpdir(), 'kube-score-'));
  writeFileSync(join(dir, 'deployment.yaml'), deploymentWithoutLimits);
  findings = runKubeScore(goBin, 'dev', ['deployment.yaml'], dir);
}, 30 * 60_000);

const exemption = (overrides: Partial<Exemption>): Exemption => ({
  rule: 'kube-score:container-resources',
  kind: 'Deployment',
  namespace: 'shop',
  name: 'no-limits',
  reason: 'test',
  expires: '2999-01-01',
  ...overrides,
});

describe('lint:k8s', () => {
  it('reports missing resources even though the object carries a kube-score/ignore annotation', () => {
    const resources = findings.find((f) => f.rule === 'kube-score:container-resources');
    expect(resources).toMatchObject({ tool: 'kube-score', env: 'dev', kind: 'Deployment', namespace: 'shop', name: 'no-limits' });
    expect(resources!.message).toMatch(/CPU limit is not set/);
  });

  it('an exemption for the object and rule absorbs the finding and counts as used', () => {
    const report = applyExemptions(findings, [exemption({})], '2026-11-25');
    expect(report.open.map((f) => f.rule)).not.toContain('kube-score:container-resources');
    expect(report.exempted.map((e) => e.finding.rule)).toEqual(['kube-score:container-resources']);
    expect(report.unused).toEqual([]);
  });

  it('an expired exemption no longer absorbs the finding and is reported', () => {
    const expired = exemption({ expires: '2026-01-31' });
    const report = applyExemptions(findings, [expired], '2026-11-25');
    expect(report.open.map((f) => f.rule)).toContain('kube-score:container-resources');
    expect(report.expired).toEqual([expired]);
  });

  it('an exemption for another object is unused and reported', () => {
    const stale = exemption({ name: 'renamed-long-ago' });
    const report = applyExemptions(findings, [stale], '2026-11-25');
    expect(report.unused).toEqual([stale]);
    expect(report.open.map((f) => f.rule)).toContain('kube-score:container-resources');
  });

  it('ignores exemptions of the policy engine’s own rules', () => {
    const report = applyExemptions(findings, [exemption({ rule: 'workload-resources' })], '2026-11-25');
    expect(report.unused).toEqual([]);
  });
});
