// README's flow section, generated from the flow proofs (npm run flows:readme) and checked for
// drift by test/tools/flows/readme.test.ts: the figures of every environment and the
// namespace-level Mermaid graph of prod's declared flows.
import type { FlowProof } from './proof';
import { blocked } from './proof';
import { mermaidSummary } from './mermaid';

export const FLOWS_BEGIN = '<!-- flows:begin -->';
export const FLOWS_END = '<!-- flows:end -->';

export function flowsSection(proofs: readonly FlowProof[]): string {
  const rows = proofs.map((p) => {
    const b = blocked(p).length;
    return `| ${p.env} | ${p.results.length} | ${p.results.length - b} | ${b} | ${p.undeclared.length} | ${p.internetPods.length} of ${p.pods} | ${p.jobCodeInternetPods.length} | ${p.broadPeers.length} |`;
  });
  const prod = proofs.find((p) => p.env === 'prod') ?? proofs[proofs.length - 1]!;
  return [
    '| environment | flows declared | allowed | blocked | undeclared | pods reaching the internet | job-code pods beyond the Git host | over-broad rule peers |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Declared flows of ${prod.env} by namespace and external endpoint (DNS left out; \`npm run flows -- --env ${prod.env} --mermaid\` draws every workload):`,
    '',
    '```mermaid',
    mermaidSummary(prod.results.map((r) => r.flow)),
    '```',
  ].join('\n');
}

export function sectionInReadme(readme: string): string | undefined {
  const begin = readme.indexOf(FLOWS_BEGIN);
  const end = readme.indexOf(FLOWS_END);
  if (begin === -1 || end === -1 || end < begin) return undefined;
  return readme.slice(begin + FLOWS_BEGIN.length, end).trim();
}

export function withFlowsSection(readme: string, section: string): string {
  const begin = readme.indexOf(FLOWS_BEGIN);
  const end = readme.indexOf(FLOWS_END);
  if (begin === -1 || end === -1 || end < begin) throw new Error(`README.md has no ${FLOWS_BEGIN} … ${FLOWS_END} markers`);
  return `${readme.slice(0, begin + FLOWS_BEGIN.length)}\n${section}\n${readme.slice(end)}`;
}
