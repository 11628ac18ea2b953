// npm run validate:server [-- --env prod] [--kubeconfig F] [--root DIR] [--create-prerequisites]
// (--root: a checkout or render whose dist/<env>/ to validate, this repository by default)
// Dry-runs every rendered document of dist/<env>/ against the cluster in KUBECONFIG as a
// server-side apply with strict field validation, and prints each refusal with the server's message.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient } from './api-client';
import { readRenderedEnvironment, renderedEnvironments } from './documents';
import { dryRunPods, formatPodResult, type PodResult } from './pod-admission';
import { formatResult, validateDocuments, type DocumentResult } from './validate';

const repoRoot = resolve(__dirname, '../..');

export interface EnvironmentReport {
  readonly env: string;
  readonly results: DocumentResult[];
  /** Each pod the documents make the cluster admit, dry-run created with PodSecurity admission. */
  readonly pods: PodResult[];
  /** Refused documents plus refused pods. */
  readonly refused: number;
  readonly unvalidatedKinds: string[];
}

export async function validateEnvironment(
  client: ApiClient,
  env: string,
  createPrerequisites: boolean,
  log: (line: string) => void = console.log,
  root: string = repoRoot,
): Promise<EnvironmentReport> {
  const documents = readRenderedEnvironment(root, env);
  const started = Date.now();
  const results = await validateDocuments(client, documents, { createPrerequisites });
  // After the documents: their namespaces now exist with this environment's labels.
  const podsStarted = Date.now();
  const pods = await dryRunPods(client, documents);
  const podSeconds = ((Date.now() - podsStarted) / 1000).toFixed(1);
  const refusedPods = pods.filter((p) => p.outcome === 'refused');
  const notSubmitted = pods.filter((p) => p.outcome === 'not-submitted');
  const refused = results.filter((r) => r.outcome === 'refused');
  const unvalidated = results.filter((r) => r.outcome === 'unvalidated');
  const unvalidatedKinds = [...new Set(unvalidated.map((r) => `${r.doc.kind} (${r.doc.apiVersion})`))].sort();

  for (const result of refused) log(formatResult(result));
  for (const result of [...refusedPods, ...notSubmitted]) log(formatPodResult(result));
  // The server repeats a warning for every object that triggers it: print each distinct one once.
  const warnings = new Map<string, string[]>();
  for (const result of results) {
    for (const warning of result.warnings) warnings.set(warning, [...(warnings.get(warning) ?? []), result.doc.file]);
  }
  for (const [warning, files] of warnings) {
    const others = files.length > 1 ? ` and ${files.length - 1} more` : '';
    log(`WARNING ${warning} (${files[0]}${others})`);
  }
  for (const kind of unvalidatedKinds) {
    const count = unvalidated.filter((r) => `${r.doc.kind} (${r.doc.apiVersion})` === kind).length;
    log(`UNVALIDATED ${kind}: ${count} document(s), no schema served for this kind`);
  }
  log(
    `${env}: ${results.length} documents, ${results.length - refused.length - unvalidated.length} accepted, ` +
      `${refused.length} refused, ${unvalidated.length} unvalidated; ` +
      `${pods.length} pods (PodSecurity admission), ${pods.length - refusedPods.length - notSubmitted.length} admitted, ${refusedPods.length} refused` +
      `${notSubmitted.length ? `, ${notSubmitted.length} not submitted` : ''} (${((Date.now() - started) / 1000).toFixed(1)}s, pods ${podSeconds}s)`,
  );
  return { env, results, pods, refused: refused.length + refusedPods.length, unvalidatedKinds };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      env: { type: 'string', multiple: true },
      kubeconfig: { type: 'string' },
      root: { type: 'string' },
      'create-prerequisites': { type: 'boolean', default: false },
    },
  });
  const client = values.kubeconfig ? ApiClient.fromFile(values.kubeconfig) : ApiClient.fromDefault();
  const root = values.root ? resolve(values.root) : repoRoot;
  const envs = values.env ?? renderedEnvironments(root);
  console.log(`validating ${envs.join(', ')} against ${client.serverUrl} (dry run, fieldValidation=Strict)`);
  let refused = 0;
  for (const env of envs) refused += (await validateEnvironment(client, env, values['create-prerequisites']!, console.log, root)).refused;
  return refused === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
