// npm run policy [-- --env <env>] [-- --dist <dir>]
// Prints `env component kind/namespace/name RULE-ID: message` per violation, followed by the
// rule's remediation on an indented `  fix: ...` line; exits 1 on any error.
import { ENVIRONMENTS } from '../environments/catalog';
import { isEnvName } from '../environments/load';
import { formatRemediation, formatViolation } from './engine';
import { loadRenderedEnvironment } from './load-rendered';
import { RULES } from './rules';
import { policyViolations } from './run';

function main(argv: string[]): number {
  const arg = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const only = arg('--env');
  if (only !== undefined && !isEnvName(only)) {
    console.error(`unknown environment ${JSON.stringify(only)}; expected one of ${ENVIRONMENTS.join(', ')}`);
    return 2;
  }
  const envs = only ? [only] : [...ENVIRONMENTS];
  const rendered = envs.map((env) => loadRenderedEnvironment(env, arg('--dist') ?? 'dist'));
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
