// npm run check:dist — fails when the committed dist/ differs from a fresh render (the CI gate;
// dist/ is only ever written by `npm run synth`).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { renderAll } from '../../main';

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

const fresh = renderAll();
const committed = readTree('dist');
const stale = [...new Set([...fresh.keys(), ...committed.keys()])]
  .filter((path) => fresh.get(path) !== committed.get(path))
  .sort()
  .map((path) => `${!committed.has(path) ? 'missing ' : !fresh.has(path) ? 'extra   ' : 'differs '} dist/${path}`);
if (stale.length > 0) {
  console.error(`dist/ is stale: run \`npm run synth\` and commit the result.\n${stale.join('\n')}`);
  process.exitCode = 1;
} else {
  console.log(`dist/ is up to date (${fresh.size} files)`);
}
