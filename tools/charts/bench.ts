// npm run charts:bench — cold and warm `helm template` of every locked chart with the generated
// values of dev, staging and prod, from the chart mirror (GRIDATA_CHART_MIRROR, default the shared
// mirror next to the repository). Cold: empty output cache (charts already extracted); warm: the
// same requests again, all cache hits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENTS } from '../../environments/catalog';
import { loadEnvironment } from '../../environments/load';
import { REPO_ROOT } from '../../render/hydrate/lock';
import { chartRequests, templateAll } from './sources';

async function main(): Promise<void> {
  const mirror = process.env.GRIDATA_CHART_MIRROR ?? join(REPO_ROOT, '../shared/chart-mirror');
  const requests = ENVIRONMENTS.flatMap((name) => chartRequests(loadEnvironment(name)));
  const outputDir = mkdtempSync(join(tmpdir(), 'gridata-helm-output-'));
  try {
    let t = performance.now();
    const first = await templateAll(requests, { mirror });
    const supplyAndFirst = performance.now() - t;
    rmSync(outputDir, { recursive: true, force: true });
    t = performance.now();
    const cold = await templateAll(requests, { mirror, outputDir });
    const coldMs = performance.now() - t;
    t = performance.now();
    const warm = await templateAll(requests, { mirror, outputDir });
    const warmMs = performance.now() - t;
    const failed = cold.filter((o) => !o.ok);
    console.log(`charts:bench  ${requests.length} chart renders (${ENVIRONMENTS.join(', ')}), 2 in parallel`);
    console.log(`  first run (supply + render or default cache): ${(supplyAndFirst / 1000).toFixed(2)} s, ${first.filter((o) => o.cached).length} cache hits`);
    console.log(`  cold (empty output cache):                    ${(coldMs / 1000).toFixed(2)} s, ${cold.filter((o) => o.cached).length} cache hits`);
    console.log(`  warm (no chart/values change):                ${(warmMs / 1000).toFixed(2)} s, ${warm.filter((o) => o.cached).length} cache hits`);
    for (const o of failed) console.log(`  fails: ${o.request.env}/${o.request.component}: ${o.error}`);
  } finally {
    rmSync(outputDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`charts:bench: ${(e as Error).message.split('\n')[0]}`);
  process.exit(1);
});
