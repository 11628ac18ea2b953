// Reads rendered environments back from disk (dist/) or from an in-memory file map.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load, loadAll } from 'js-yaml';
import { ENVIRONMENTS as ENVIRONMENT_NAMES, type EnvName } from '../environments/catalog';
import type { ChartValues, K8sObject, RenderedDocument, RenderedEnvironment } from './types';

/**
 * Argo CD's convention for a file in a directory source that it must not apply: the file's first
 * line. Stated here, not imported from the renderer, so a renderer writing the wrong marker makes
 * its review-only files count as applied (and PIPE-006 fails) instead of silently agreeing.
 */
export const ARGOCD_SKIP_FILE_MARKER = '# +argocd:skip-file-rendering';

/**
 * Where the renderer writes the values an upstream chart was rendered with, for review:
 * `<env>/<component>/values/<chart>-<version>.yaml`. Not applied by Argo CD (its directory source
 * reads the folder's top level only); stated here, not imported from the renderer.
 */
export const CHART_VALUES_FOLDER = 'values';

/** Parses files keyed `<env>/<component>/<file>.yaml` (as the renderer produces them). */
export function renderedFromFiles(env: EnvName, files: Iterable<[string, string]>, root = 'dist'): RenderedEnvironment {
  const documents: RenderedDocument[] = [];
  const valuesFiles: { component: string; file: string; content: string }[] = [];
  const folders = new Set<string>();
  for (const [rel, content] of files) {
    const [fileEnv, component, ...rest] = rel.split('/');
    if (fileEnv !== env || !component) continue;
    folders.add(component);
    if (rest.length === 2 && rest[0] === CHART_VALUES_FOLDER) valuesFiles.push({ component, file: `${root}/${rel}`, content });
    else documents.push(...parseDocuments(env, component, `${root}/${rel}`, content));
  }
  return renderedEnvironment(env, documents, [...folders].sort(), valuesFiles);
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
      if (file === CHART_VALUES_FOLDER && statSync(join(dir, file)).isDirectory()) {
        for (const values of readdirSync(join(dir, file)).sort()) {
          files.push([`${env}/${component}/${file}/${values}`, readFileSync(join(dir, file, values), 'utf8')]);
        }
      } else files.push([`${env}/${component}/${file}`, readFileSync(join(dir, file), 'utf8')]);
    }
  }
  return renderedFromFiles(env, files, distDir);
}

/**
 * An environment from parsed documents and its chart values files; each chart's values are
 * attributed to the Application of the component whose folder holds them.
 */
export function renderedEnvironment(
  env: EnvName,
  documents: RenderedDocument[],
  folders: string[],
  valuesFiles: readonly { component: string; file: string; content: string }[] = [],
): RenderedEnvironment {
  // Applications by the component folder they deploy (their directory source's last path segment).
  const applications = new Map<string, RenderedDocument>();
  for (const doc of documents) {
    if (doc.object.kind !== 'Application' || !doc.object.apiVersion.startsWith('argoproj.io/')) continue;
    const spec = doc.object.spec ?? {};
    const path = ((spec.sources ?? (spec.source ? [spec.source] : [])) as any[]).find((s) => typeof s.path === 'string')?.path;
    applications.set(typeof path === 'string' ? path.split('/').pop()! : `application:${doc.object.metadata.name}`, doc);
  }
  const charts: ChartValues[] = [];
  // An Application with a Helm source (what the repository rendered before hydration; rule
  // ARGO-007 refuses it) still has its values judged.
  for (const application of applications.values()) {
    const spec = application.object.spec ?? {};
    for (const source of (spec.sources ?? (spec.source ? [spec.source] : [])) as any[]) {
      if (source.chart) charts.push({ env, application, chart: source.chart, version: source.targetRevision, values: source.helm?.valuesObject ?? {} });
    }
  }
  for (const { component, file, content } of valuesFiles) {
    const parsed = load(content) as { chart?: unknown; version?: unknown; values?: unknown } | null;
    if (!parsed || typeof parsed.chart !== 'string' || typeof parsed.version !== 'string') throw new Error(`${file}: not a chart values file`);
    const application = applications.get(component);
    if (!application) throw new Error(`${file}: no Application deploys the folder ${component}`);
    charts.push({ env, application, chart: parsed.chart, version: parsed.version, values: (parsed.values ?? {}) as Record<string, any>, hydrated: true });
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
