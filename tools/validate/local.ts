// npm run validate:local [-- --env dev]
// Builds (once) and starts a throwaway etcd + kube-apiserver on loopback with the operators' CRDs,
// runs validate:server for every rendered environment against it, and tears it all down.
import { parseArgs } from 'node:util';
import { buildTools, groupKind, repoRoot, startControlPlane, type ControlPlane } from './control-plane';
import { schemaVersionMismatches } from './crd-sources';
import { readRenderedEnvironment, renderedEnvironments } from './documents';
import { validateEnvironment } from './server';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { env: { type: 'string', multiple: true } } });
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

  buildTools(['kube-apiserver', 'etcd', 'crds']);
  console.log(`tools ready after ${seconds()}s`);

  let plane: ControlPlane | undefined;
  const teardown = async () => {
    await plane?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void teardown().finally(() => process.exit(130));
    });
  }
  try {
    const envs = values.env ?? renderedEnvironments(repoRoot);
    const kinds = new Set(
      envs.flatMap((env) =>
        readRenderedEnvironment(repoRoot, env).flatMap((d) => (d.apiVersion && d.kind ? [groupKind(d.apiVersion, d.kind)] : [])),
      ),
    );
    plane = await startControlPlane({ log: console.log, kinds });
    console.log(`control plane ready after ${seconds()}s`);
    let refused = 0;
    const unvalidated = new Set<string>();
    for (const env of envs) {
      const report = await validateEnvironment(plane.client, env, true);
      refused += report.refused;
      report.unvalidatedKinds.forEach((k) => unvalidated.add(k));
    }
    for (const mismatch of schemaVersionMismatches(repoRoot, envs)) console.log(`SCHEMA VERSION ${mismatch}`);
    if (unvalidated.size > 0) console.log(`kinds left unvalidated (no schema obtainable): ${[...unvalidated].join(', ')}`);
    console.log(`validate:local finished in ${seconds()}s: ${refused === 0 ? 'every document accepted' : `${refused} refused`}`);
    return refused === 0 ? 0 : 1;
  } finally {
    await teardown();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
