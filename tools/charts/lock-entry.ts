// npm run charts:lock-entry -- <archive.tgz> [--repository <upstream Helm repository URL>] [--source <name>]
// Prints the charts.lock.yaml entry of a chart archive (as placed in the chart mirror): name and
// version from its Chart.yaml, the content digest the lock verifies (docs/decisions/0028) and the
// archive's sha256 under the source name (default gridata-chart-mirror). Refusals are one line.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { contentDigest, readTgz, sha256 } from '../../render/hydrate/archive';

export function lockEntry(archive: Buffer, repository: string, source: string): string {
  const chartYaml = readTgz(archive).find((e) => /^[^/]+\/Chart\.yaml$/.test(e.path));
  if (!chartYaml) throw new Error('no <chart>/Chart.yaml at the top of the archive');
  const meta = parse(chartYaml.data.toString('utf8')) as { name?: unknown; version?: unknown };
  if (typeof meta?.name !== 'string' || meta.version === undefined) throw new Error(`${chartYaml.path} has no name or version`);
  return [
    `  - name: ${meta.name}`,
    `    version: ${String(meta.version)}`,
    `    repository: ${repository}`,
    `    digest: ${contentDigest(archive)}`,
    '    archives:',
    `      ${source}: sha256:${sha256(archive)}`,
    '',
  ].join('\n');
}

function main(argv: string[]): number {
  const usage = 'usage: npm run charts:lock-entry -- <archive.tgz> [--repository <url>] [--source <name>]';
  const file = argv.find((a, i) => !a.startsWith('--') && !['--repository', '--source'].includes(argv[i - 1] ?? ''));
  const option = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  if (!file) {
    console.error(usage);
    return 2;
  }
  try {
    process.stdout.write(lockEntry(readFileSync(file), option('--repository') ?? '<upstream Helm repository URL>', option('--source') ?? 'gridata-chart-mirror'));
    return 0;
  } catch (e) {
    console.error(`refused: ${file}: ${(e as Error).message.split('\n')[0]}`);
    return 1;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
