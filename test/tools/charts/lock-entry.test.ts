// `npm run charts:lock-entry` prints the lock entry of a mirror archive: for the shared mirror's
// polaris archive it is exactly the committed entry.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../render/hydrate/lock';
import { lockEntry } from '../../../tools/charts/lock-entry';

const MIRROR = process.env.GRIDATA_CHART_MIRROR ?? join(REPO_ROOT, '../shared/chart-mirror');

describe('charts:lock-entry', () => {
  it('prints the committed charts.lock.yaml entry for the mirror archive', () => {
    const entry = lockEntry(readFileSync(join(MIRROR, 'polaris-1.7.0.tgz')), 'https://downloads.apache.org/polaris/helm-chart', 'gridata-chart-mirror');
    expect(readFileSync(join(REPO_ROOT, 'charts.lock.yaml'), 'utf8')).toContain(entry);
    expect(entry.split('\n')[0]).toBe('  - name: polaris');
  });

  it('refuses an archive without a chart', () => {
    expect(() => lockEntry(Buffer.from('not gzip'), 'x', 'y')).toThrow(/^not a gzip archive/);
  });
});
