// npm run lint:k8s [-- --env prod]
// Runs the pinned kube-score over every rendered environment; every finding must be fixed or
// carried as an exemption (policies/exemptions.ts, with reason and expiry). Exits 1 otherwise.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { EXEMPTIONS } from '../../policies/exemptions';
import type { Exemption } from '../../policies/types';
import { buildTools, goBin, repoRoot } from './control-plane';
import { renderedEnvironments } from './documents';
import { runKubeScore } from './kube-score';
import { applyExemptions, type LinterFinding } from './linter-findings';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      // values/: the values a chart was rendered with, for review; not objects, never applied.
      if (statSync(path).isDirectory()) return entry === 'values' ? [] : yamlFiles(path);
      return entry.endsWith('.yaml') ? [relative(repoRoot, path)] : [];
    });
}

/**
 * kube-linter (golang.stackrox.io/kube-linter) is not served by the Go module proxy reachable here,
 * so it cannot be built from pinned sources; it runs only if a binary was provided in .cache/go/bin.
 */
const KUBE_LINTER_UNAVAILABLE =
  'kube-linter: NOT RUN: its module golang.stackrox.io/kube-linter is not served by the Go module proxy';

export function lint(envs: string[]): LinterFinding[] {
  const findings: LinterFinding[] = [];
  for (const env of envs) {
    findings.push(...runKubeScore(goBin, env, yamlFiles(join(repoRoot, 'dist', env)), repoRoot));
  }
  return findings;
}

function main(): number {
  const { values } = parseArgs({ options: { env: { type: 'string', multiple: true } } });
  buildTools(['kube-score']);
  const envs = values.env ?? renderedEnvironments(repoRoot);
  const findings = lint(envs);
  const report = applyExemptions(findings, EXEMPTIONS, undefined, envs);

  for (const f of report.open) {
    console.log(`${f.rule} ${f.env} ${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name} (${f.file})\n    ${f.message}`);
  }
  const object = (e: Exemption) => `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
  for (const e of report.expired) console.log(`EXPIRED exemption ${e.rule} ${object(e)} (expired ${e.expires}): ${e.reason}`);
  for (const e of report.unused) console.log(`UNUSED exemption ${e.rule} ${object(e)}: matches no finding, remove it`);
  if (!existsSync(join(goBin, 'kube-linter'))) console.log(KUBE_LINTER_UNAVAILABLE);
  console.log(
    `lint:k8s ${envs.join(', ')}: ${findings.length} findings, ${report.exempted.length} exempted, ` +
      `${report.open.length} open, ${report.expired.length} expired and ${report.unused.length} unused exemptions`,
  );
  return report.open.length + report.expired.length + report.unused.length === 0 ? 0 : 1;
}

if (require.main === module) process.exit(main());
