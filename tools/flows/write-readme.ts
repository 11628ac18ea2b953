// npm run flows:readme            rewrites README.md's flow section from dist/
// npm run flows:readme -- --check exits 1 when it differs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPONENTS } from '../../charts';
import { ENVIRONMENTS } from '../../environments/catalog';
import { loadEnvironment } from '../../environments/load';
import { collectFlows } from '../../render/components';
import { loadRenderedEnvironment } from '../../policies/load-rendered';
import { proveFlows } from './proof';
import { flowsSection, sectionInReadme, withFlowsSection } from './readme-section';

const README = join(__dirname, '..', '..', 'README.md');

function main(argv: string[]): number {
  const proofs = ENVIRONMENTS.map((name) => {
    const env = loadEnvironment(name);
    return proveFlows(loadRenderedEnvironment(name), env, collectFlows(env, COMPONENTS));
  });
  const section = flowsSection(proofs);
  const readme = readFileSync(README, 'utf8');
  if (argv.includes('--check')) {
    if (sectionInReadme(readme) === section) return 0;
    console.error('README.md flow section is out of date: run `npm run flows:readme`');
    return 1;
  }
  const updated = withFlowsSection(readme, section);
  if (updated !== readme) writeFileSync(README, updated);
  console.log(`README.md: flow section${updated === readme ? ' unchanged' : ' rewritten'}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
