// Environment parity report for reviewers and release notes. Usage:
//   npm run report [-- --output report.md]
// Loads and validates dev, staging and prod, prints a Markdown table of every setting that differs.
import { writeFileSync } from 'node:fs';
import { ENVIRONMENTS } from '../../environments/catalog';
import { loadEnvironment } from '../../environments/load';
import { EnvironmentError } from '../../environments/errors';
import { parseArguments, UsageError } from '../review/arguments';
import { parityMarkdown } from './parity';

export function main(argv: readonly string[]): number {
  try {
    const args = parseArguments(argv, { values: ['--output'], flags: [] });
    const environments = ENVIRONMENTS.map((name) => loadEnvironment(name) as unknown as Record<string, unknown>);
    const markdown = parityMarkdown(ENVIRONMENTS, environments);
    const output = args.values.get('--output');
    if (output) writeFileSync(output, markdown);
    else process.stdout.write(markdown);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\nusage: npm run report [-- --output report.md]`);
      return 2;
    }
    if (error instanceof EnvironmentError) {
      console.error(`report refused: invalid environment input\n${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
