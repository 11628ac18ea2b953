import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { environment } from '../../fixtures/rendered';
import { loadChartLock, lockedChart, parseChartLock } from '../../../render/hydrate/lock';
import { chartRequests } from '../../../tools/charts/sources';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const entry = (extra = '') => `charts:\n  - name: vault\n    version: 0.34.1\n    repository: https://helm.releases.hashicorp.com\n    digest: ${DIGEST}\n${extra}`;

describe('chart lock', () => {
  it('parses the committed lock', () => {
    const lock = loadChartLock();
    expect(lock.length).toBeGreaterThan(0);
    for (const c of lock) expect(c.archives['gridata-chart-mirror']).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('lists exactly the charts every environment installs, at their versions and repositories', () => {
    const lock = loadChartLock();
    const installed = new Set(ENVIRONMENTS.flatMap((name) => chartRequests(environment(name)).map((r) => `${r.chart} ${r.version}`)));
    expect(new Set(lock.map((c) => `${c.name} ${c.version}`))).toEqual(installed);
    for (const name of ENVIRONMENTS) {
      for (const r of chartRequests(environment(name))) {
        // the repository is the one the component's Application points Argo CD at
        expect(lockedChart(lock, r.chart, r.version).repository).toBe(r.repository);
      }
    }
  });

  it("holds every environment's versions.<component>.chart pin", () => {
    const lockedVersions = new Set(loadChartLock().map((c) => c.version));
    for (const name of ENVIRONMENTS) {
      const pins = Object.entries(environment(name).versions as Record<string, { chart?: string }>).filter(([, v]) => v.chart);
      expect(pins.length).toBeGreaterThan(0);
      for (const [component, v] of pins) expect(lockedVersions.has(v.chart!), `${name}: versions.${component}.chart ${v.chart}`).toBe(true);
      // and each pin is what a component installs from the lock
      const requested = new Set(chartRequests(environment(name)).map((r) => r.version));
      for (const [, v] of pins) expect(requested.has(v.chart!)).toBe(true);
    }
  });

  it('refuses bad entries with one line naming file, pointer, expected and found', () => {
    const refusal = (text: string) => {
      try {
        parseChartLock(text, 'charts.lock.yaml');
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(entry())).toBe('accepted');
    expect(refusal(entry().replace(DIGEST, 'sha256:abc'))).toBe('charts.lock.yaml: /charts/0/digest: expected a content digest sha256:<64 hex digits>, found "sha256:abc"');
    expect(refusal(entry('    license: MPL\n'))).toBe('charts.lock.yaml: /charts/0/license: expected only the keys name, version, repository, digest, archives, found key license');
    expect(refusal(entry().replace('https://helm.releases.hashicorp.com', 'oci://x'))).toMatch(/^charts\.lock\.yaml: \/charts\/0\/repository: expected an http\(s\) URL/);
    expect(refusal(entry() + entry().replace('charts:\n', ''))).toBe('charts.lock.yaml: /charts/1/name: expected one entry per chart version, found a second vault 0.34.1');
    expect(refusal('charts: {}')).toBe('charts.lock.yaml: /charts: expected a list of charts, found {}');
    for (const text of [entry().replace(DIGEST, 'x'), 'charts: 1']) expect(refusal(text)).not.toContain('\n');
  });

  it('refuses a chart version the lock does not list', () => {
    const lock = parseChartLock(entry(), 'charts.lock.yaml');
    expect(() => lockedChart(lock, 'vault', '0.35.0')).toThrow('charts.lock.yaml: /charts: expected an entry for vault 0.35.0, found vault at 0.34.1 only');
  });
});
