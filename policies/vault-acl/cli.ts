// npm run vault:acl [-- --env <env>] [-- --dist <dir>] [-- --verbose]
// Proves least privilege over the rendered Vault configuration with the Vault ACL evaluator and
// prints, per environment, the identities, paths and (identity, path, capability) checks; every
// failure on its own line. Exits 1 when any environment fails.
import { loadRenderedEnvironment, renderedFromArguments } from '../load-rendered';
import { proveLeastPrivilege, type Proof } from './proof';

export function summaryLine(proof: Proof): string {
  const verdict = proof.failures.length === 0 ? 'ok' : `${proof.failures.length} failures`;
  return `${proof.env}: ${proof.identities} identities, ${proof.paths} paths, ${proof.uses.length} uses; ${proof.allowed} allowed and ${proof.denied} denied checks as expected: ${verdict}`;
}

function main(argv: string[]): number {
  const args = renderedFromArguments(argv);
  if ('error' in args) {
    console.error(args.error);
    return 2;
  }
  let failed = false;
  for (const env of args.envs) {
    const proof = proveLeastPrivilege(loadRenderedEnvironment(env, args.dist));
    if (argv.includes('--verbose')) {
      for (const use of proof.uses) console.log(`${env} ${use.role} ${use.capability} ${use.path} (${use.via}: ${use.where})`);
    }
    for (const f of proof.failures) console.log(`${env} ${f.document.file}: ${f.message}`);
    console.log(summaryLine(proof));
    failed ||= proof.failures.length > 0;
  }
  return failed ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
