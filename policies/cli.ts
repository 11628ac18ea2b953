// npm run policy [-- --env <env>] [-- --dist <dir>]
// Prints `env component kind/namespace/name RULE-ID: message` per violation, followed by the
// rule's remediation on an indented `  fix: ...` line; exits 1 on any error.
import { supplyChart } from '../render/hydrate/supply';
import { formatRemediation, formatViolation } from './engine';
import { loadRenderedEnvironment, renderedFromArguments } from './load-rendered';
import { RULES } from './rules';
import { policyViolations } from './run';

async function main(argv: string[]): Promise<number> {
  const args = renderedFromArguments(argv);
  if ('error' in args) {
    console.error(args.error);
    return 2;
  }
  const { envs } = args;
  const rendered = envs.map((env) => loadRenderedEnvironment(env, args.dist));
  let violations;
  try {
    // CV-KEYS-001 reads each chart's keys from the supplied chart: supply (fetch, verify, extract) first.
    const charts = new Map(rendered.flatMap((r) => r.charts).map((c) => [`${c.chart}@${c.version}`, c]));
    for (const c of charts.values()) await supplyChart(c.chart, c.version);
    violations = policyViolations(rendered);
  } catch (e) {
    console.error(`policy: ${(e as Error).message.split('\n')[0]}`);
    return 2;
  }
  for (const v of violations) {
    console.log(`${v.severity === 'warning' ? '[warning] ' : ''}${formatViolation(v)}`);
    console.log(formatRemediation(v));
  }
  const errors = violations.filter((v) => v.severity === 'error').length;
  const docs = rendered.reduce((n, r) => n + r.documents.length, 0);
  console.log(`${RULES.length} rules over ${docs} documents in ${envs.join(', ')}: ${errors} errors, ${violations.length - errors} warnings`);
  return errors > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
