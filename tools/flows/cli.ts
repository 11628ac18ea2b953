// npm run flows [-- --env <env>] [-- --dist <dir>] [-- --mermaid] [-- --quiet]
// The flow matrix of every environment: each declared flow with its verdict under the rendered
// NetworkPolicies (allowed / BLOCKED), every allowed flow nobody declared, the internet-reaching
// pods and the over-broad rule peers, then a Mermaid graph of the declared flows. Exits 1 when a
// declared flow is blocked, an allowed flow is undeclared or a job-code pod reaches the internet.
import { COMPONENTS } from '../../charts';
import { loadEnvironment } from '../../environments/load';
import { collectFlows } from '../../render/components';
import { loadRenderedEnvironment, renderedFromArguments } from '../../policies/load-rendered';
import { mermaidGraph } from './mermaid';
import { blocked, flowLabel, proveFlows, type FlowProof } from './proof';

export function summaryLine(proof: FlowProof): string {
  const b = blocked(proof).length;
  return (
    `${proof.env}: ${proof.results.length} flows declared, ${proof.results.length - b} allowed, ${b} blocked; ` +
    `${proof.undeclared.length} undeclared; ${proof.internetPods.length} of ${proof.pods} pods reach the internet ` +
    `(${proof.jobCodeInternetPods.length} running job code beyond the Git host); ${proof.broadPeers.length} over-broad rule peers`
  );
}

export function failed(proof: FlowProof): boolean {
  return blocked(proof).length > 0 || proof.undeclared.length > 0 || proof.jobCodeInternetPods.length > 0;
}

function main(argv: string[]): number {
  const args = renderedFromArguments(argv);
  if ('error' in args) {
    console.error(args.error);
    return 2;
  }
  let anyFailed = false;
  const quiet = argv.includes('--quiet');
  for (const name of args.envs) {
    const env = loadEnvironment(name);
    const proof = proveFlows(loadRenderedEnvironment(name, args.dist), env, collectFlows(env, COMPONENTS));
    if (!quiet) {
      console.log(`## ${name}\n`);
      console.log('| verdict | from | to | port | reason | declared by |');
      console.log('| --- | --- | --- | --- | --- | --- |');
      for (const r of proof.results) {
        const verdict = r.unmatched.length > 0 ? `UNMATCHED (${r.unmatched.join('; ')})` : r.blockedPairs.length > 0 ? `BLOCKED (${r.blockedPairs.length} pod pairs)` : 'allowed';
        const [ends, port] = [flowLabel(r.flow).split(' TCP ')[0]!.split(' UDP ')[0]!, `${r.flow.protocol} ${r.flow.port}${r.flow.endPort ? `-${r.flow.endPort}` : ''}`];
        const [from, to] = ends.split(' → ');
        console.log(`| ${verdict} | ${from} | ${to} | ${port} | ${r.flow.reason} | ${r.owner} |`);
      }
      console.log('');
      for (const r of blocked(proof)) for (const pair of r.blockedPairs.slice(0, 5)) console.log(`${name} BLOCKED ${flowLabel(r.flow)}: ${pair}`);
      for (const u of proof.undeclared) console.log(`${name} UNDECLARED ${u.from} → ${u.to}: ${u.ports}`);
      for (const p of proof.internetPods) console.log(`${name} INTERNET ${p}${proof.jobCodeInternetPods.includes(p) ? ' (runs job code: beyond the Git host)' : ''}`);
      for (const b of proof.broadPeers) console.log(`${name} BROAD ${b.kind}: ${b.policy} ${b.direction} ${b.peer}`);
      if (argv.includes('--mermaid')) console.log(`\n\`\`\`mermaid\n${mermaidGraph(proof.results.map((r) => r.flow))}\n\`\`\`\n`);
    }
    console.log(summaryLine(proof));
    anyFailed ||= failed(proof);
  }
  return anyFailed ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
