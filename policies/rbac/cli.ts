// npm run rbac [-- --env <env>] [-- --dist <dir>] [-- --subject <text>]
// Prints, per environment, what every ServiceAccount named by a binding may do and where
// (Kubernetes RBAC semantics, policies/rbac/evaluator.ts), and the bindings whose role is not rendered.
import { loadRenderedEnvironment, renderedFromArguments } from '../load-rendered';
import { RbacModel } from './evaluator';
import { rbacMatrix } from './matrix';

function main(argv: string[]): number {
  const args = renderedFromArguments(argv.filter((a, i) => a !== '--subject' && argv[i - 1] !== '--subject'));
  if ('error' in args) {
    console.error(args.error);
    return 2;
  }
  const at = argv.indexOf('--subject');
  const wanted = at >= 0 ? argv[at + 1] ?? '' : '';
  for (const env of args.envs) {
    const objects = loadRenderedEnvironment(env, args.dist).documents.filter((d) => !d.reviewOnly && d.component !== 'apps').map((d) => d.object);
    const lines = rbacMatrix(objects).filter((l) => l.subject.includes(wanted));
    for (const l of lines) console.log(`${env} ${l.subject} ns=${l.namespace} ${l.verbs} ${l.resources}  (${l.via})`);
    for (const u of new RbacModel(objects).unresolved) console.log(`${env} unresolved: ${u}`);
    console.log(`${env}: ${new Set(lines.map((l) => l.subject)).size} subjects, ${lines.length} grants`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
