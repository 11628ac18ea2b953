// npm run check:dist — fails when the committed dist/ differs from a fresh render (the CI gate;
// dist/ is only ever written by `npm run synth`).
import { existsSync } from 'node:fs';
import { renderAll } from '../../render/pipeline';
import { differingPaths, readFileMap } from '../review/file-map';

const fresh = renderAll();
const committed = existsSync('dist') ? readFileMap('dist') : new Map<string, string>();
const stale = differingPaths(fresh, committed).map(
  (path) => `${!committed.has(path) ? 'missing ' : !fresh.has(path) ? 'extra   ' : 'differs '} dist/${path}`,
);
if (stale.length > 0) {
  console.error(`dist/ is stale: run \`npm run synth\` and commit the result.\n${stale.join('\n')}`);
  process.exitCode = 1;
} else {
  console.log(`dist/ is up to date (${fresh.size} files)`);
}
