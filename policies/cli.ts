// npm run policy [-- --env <env>] [-- --dist <dir>]
// Prints `env component kind/namespace/name RULE-ID: message` per violation, followed by the
// rule's remediation on an indented `  fix: ...` line; exits 1 on any error.
import { formatRemediation, formatViolation } from './engine';
import { loadRenderedEnvironment, renderedFromArguments } from './load-rendered';
import { RULES } from './rules';
import { policyViolations } from './run';

function main(argv: string[]): number {
  const args = renderedFromArguments(argv);
  if ('error' in args) {
    console.error(args.error);
    return 2;
  }
  const { envs } = args;
  const rendered = envs.map((env) => loadRenderedEnvironment(env, args.dist));
  const violations = policyViolations(rendered);
  for (const v of violations) {
    console.log(`${v.severity === 'warning' ? '[warning] ' : ''}${formatViolation(v)}`);
    console.log(formatRemediation(v));
  }
  const errors = violations.filter((v) => v.severity === 'error').length;
  const docs = rendered.reduce((n, r) => n + r.documents.length, 0);
  console.log(`${RULES.length} rules over ${docs} documents in ${envs.join(', ')}: ${errors} errors, ${violations.length - errors} warnings`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
