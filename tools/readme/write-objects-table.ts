// npm run objects:table            rewrites README.md's objects-per-component table from a fresh render
// npm run objects:table -- --check exits 1 when the table differs from it
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAll } from '../../render/pipeline';
import { objectsTable, tableInReadme, withObjectsTable } from './objects-table';

const README = join(__dirname, '../..', 'README.md');

function main(argv: string[]): number {
  const readme = readFileSync(README, 'utf8');
  const files = renderAll();
  if (argv.includes('--check')) {
    if (tableInReadme(readme) === objectsTable(files)) return 0;
    console.error('README.md objects table is out of date: run `npm run objects:table`');
    return 1;
  }
  const updated = withObjectsTable(readme, files);
  if (updated !== readme) writeFileSync(README, updated);
  console.log(`README.md: objects table ${updated === readme ? 'unchanged' : 'updated'}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
