// Reads rendered environments back from disk (dist/) or from an in-memory file map.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { ENVIRONMENTS as ENVIRONMENT_NAMES, type EnvName } from '../environments/catalog';
import type { ChartValues, K8sObject, RenderedDocument, RenderedEnvironment } from './types';

/**
 * Argo CD's convention for a file in a directory source that it must not apply: the file's first
 * line. Stated here, not imported from the renderer, so a renderer writing the wrong marker makes
 * its review-only files count as applied (and PIPE-006 fails) instead of silently agreeing.
 */
export const ARGOCD_SKIP_FILE_MARKER = '# +argocd:skip-file-rendering';

/** Parses files keyed `<env>/<component>/<file>.yaml` (as the renderer produces them). */
export function renderedFromFiles(env: EnvName, files: Iterable<[string, string]>, root = 'dist'): RenderedEnvironment {
  const documents: RenderedDocument[] = [];
  const folders = new Set<string>();
  for (const [rel, content] of files) {
    const [fileEnv, component] = rel.split('/');
    if (fileEnv !== env || !component) continue;
    folders.add(component);
    documents.push(...parseDocuments(env, component, `${root}/${rel}`, content));
  }
  return renderedEnvironment(env, documents, [...folders].sort());
}

export function parseDocuments(env: EnvName, component: string, file: string, content: string): RenderedDocument[] {
  const reviewOnly = content.startsWith(ARGOCD_SKIP_FILE_MARKER);
  return (loadAll(content) as unknown[])
    .filter((o): o is K8sObject => o !== null && typeof o === 'object')
    .map((object) => ({ env, component, file, reviewOnly, object }));
}

/** Reads dist/<env>/ from disk. */
export function loadRenderedEnvironment(env: EnvName, distDir = 'dist'): RenderedEnvironment {
  const envDir = join(distDir, env);
  if (!existsSync(envDir)) throw new Error(`${envDir} does not exist: run \`npm run synth\` first`);
  const files: [string, string][] = [];
  for (const component of readdirSync(envDir).sort()) {
    const dir = join(envDir, component);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      files.push([`${env}/${component}/${file}`, readFileSync(join(dir, file), 'utf8')]);
    }
  }
  return renderedFromFiles(env, files, distDir);
}

/** An environment from parsed documents; upstream charts are discovered from its Applications' Helm sources. */
export function renderedEnvironment(env: EnvName, documents: RenderedDocument[], folders: string[]): RenderedEnvironment {
  const charts: ChartValues[] = [];
  for (const doc of documents) {
    if (doc.object.kind !== 'Application' || !doc.object.apiVersion.startsWith('argoproj.io/')) continue;
    const spec = doc.object.spec ?? {};
    const sources: any[] = spec.sources ?? (spec.source ? [spec.source] : []);
    for (const source of sources) {
      if (source.chart) {
        charts.push({ env, application: doc, chart: source.chart, version: source.targetRevision, values: source.helm?.valuesObject ?? {} });
      }
    }
  }
  return { env, documents, folders, charts };
}

/**
 * The `--env <env>` / `--dist <dir>` arguments both policy CLIs take: the rendered environments to
 * read, or a one-line reason they cannot be read.
 */
export function renderedFromArguments(argv: readonly string[]): { envs: EnvName[]; dist: string } | { error: string } {
  const arg = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const only = arg('--env');
  if (only !== undefined && !(ENVIRONMENT_NAMES as readonly string[]).includes(only)) {
    return { error: `unknown environment ${JSON.stringify(only)}; expected one of ${ENVIRONMENT_NAMES.join(', ')}` };
  }
  return { envs: only ? [only as EnvName] : [...ENVIRONMENT_NAMES], dist: arg('--dist') ?? 'dist' };
}
