// Blast radius of a change: every rendered change of every environment classified by its cause.
//
//   environment file  explained by environments/<env>.yaml alone (a promotion, a sizing change)
//   shared            shared code or values: anything else the change touches (charts, apps,
//                     main.ts, packages, another environment's file)
//
// Method (docs/decisions/0016-*.md): a rendered change in dist/<env> is caused by shared code when
// the head's sources rendered with the BASE revision's environments/<env>.yaml already change that
// object. When only the environment's own file changed, or only other files did, no extra render
// is needed; a change to both renders the head once more with the base's file for that environment.
// If the head cannot render the base's file (say, a new required key), the causes cannot be
// separated and every change in that environment counts as shared (the gate fails closed).
//
// A shared change reaching staging or prod is flagged `staging-direct` / `prod-direct`: it skips
// promotion. `npm run gate` fails on one unless the change is marked for all environments.
import type { FileMap } from './file-map';
import { objectChanges, envOrder, type ObjectChange } from './review';
import { git } from './git';
import { describeObject } from './rendered-objects';
import { ENVIRONMENT_NAMES, renderWithBaseEnvironmentFile } from './render-revision';

export type Cause = 'environment file' | 'shared';

/** The environments whose shared changes must be promoted rather than merged, and their flag. */
export const DIRECT_FLAGS: Readonly<Record<string, string>> = { staging: 'staging-direct', prod: 'prod-direct' };

export interface ClassifiedChange {
  readonly change: ObjectChange;
  readonly cause: Cause;
}

export type Method =
  /** dist/<env> does not change. */
  | 'unchanged'
  /** Only environments/<env>.yaml changed among the sources. */
  | 'own file only'
  /** environments/<env>.yaml did not change. */
  | 'shared only'
  /** Both changed: separated by rendering the head with the base's environments/<env>.yaml. */
  | 'separated'
  /** Both changed and the head does not render the base's file: everything counts as shared. */
  | 'not separable';

export interface EnvironmentImpact {
  readonly env: string;
  readonly ownFile: string;
  readonly ownFileChanged: boolean;
  /** Changed source files other than the environment's own file (dist/ excluded). */
  readonly sharedFiles: readonly string[];
  readonly method: Method;
  /** Why the causes could not be separated (method 'not separable'). */
  readonly note?: string;
  readonly changes: readonly ClassifiedChange[];
  /** `prod-direct` / `staging-direct` when a shared change reaches a promoted-only environment. */
  readonly direct?: string;
}

export interface BlastRadiusInput {
  readonly environments: readonly string[];
  /** review(...).changes: base → head object changes of every environment. */
  readonly changes: readonly ObjectChange[];
  /** Source files that differ between base and head, repository-relative. */
  readonly changedFiles: readonly string[];
  readonly baseFiles: FileMap;
  /** Every environment rendered by the head's sources with `env`'s own file taken from base. */
  readonly renderWithBaseFile: (env: string) => Promise<FileMap>;
}

export async function blastRadius(input: BlastRadiusInput): Promise<EnvironmentImpact[]> {
  const impacts: EnvironmentImpact[] = [];
  const envs = [...input.environments].sort((a, b) => (envOrder(a) < envOrder(b) ? -1 : 1));
  for (const env of envs) {
    const ownFile = `environments/${env}.yaml`;
    const ownFileChanged = input.changedFiles.includes(ownFile);
    const sharedFiles = input.changedFiles.filter((f) => f !== ownFile);
    const changes = input.changes.filter((c) => c.env === env);
    const base = { env, ownFile, ownFileChanged, sharedFiles };
    const all = (cause: Cause) => changes.map((change) => ({ change, cause }));
    let impact: EnvironmentImpact;
    if (changes.length === 0) impact = { ...base, method: 'unchanged', changes: [] };
    else if (sharedFiles.length === 0) impact = { ...base, method: 'own file only', changes: all('environment file') };
    else if (!ownFileChanged) impact = { ...base, method: 'shared only', changes: all('shared') };
    else {
      let mixed: FileMap | undefined;
      let note: string | undefined;
      try {
        mixed = await input.renderWithBaseFile(env);
      } catch (error) {
        note = `the head's sources do not render the base's ${ownFile}: ${firstLine((error as Error).message)}`;
      }
      if (!mixed) impact = { ...base, method: 'not separable', note, changes: all('shared') };
      else {
        const byShared = new Set(objectChanges(onlyEnvironment(input.baseFiles, env), onlyEnvironment(mixed, env)).map((c) => c.object.key));
        impact = {
          ...base,
          method: 'separated',
          changes: changes.map((change) => ({ change, cause: byShared.has(change.object.key) ? 'shared' : 'environment file' })),
        };
      }
    }
    const direct = DIRECT_FLAGS[env] && impact.changes.some((c) => c.cause === 'shared') ? DIRECT_FLAGS[env] : undefined;
    impacts.push({ ...impact, direct });
  }
  return impacts;
}

/** The blast radius of the working tree of `repoDir` against `baseCommit`, given the review's changes. */
export function blastRadiusOfWorkingTree(repoDir: string, baseCommit: string, baseFiles: FileMap, changes: readonly ObjectChange[]): Promise<EnvironmentImpact[]> {
  return blastRadius({
    environments: ENVIRONMENT_NAMES,
    changes,
    changedFiles: changedSourceFiles(repoDir, baseCommit),
    baseFiles,
    renderWithBaseFile: (env) => renderWithBaseEnvironmentFile(repoDir, baseCommit, env),
  });
}

function onlyEnvironment(files: FileMap, env: string): FileMap {
  return new Map([...files].filter(([path]) => path.startsWith(`${env}/`)));
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '' && !l.startsWith('refused:'))?.trim() ?? text.trim();
}

/** Source files that differ between `baseCommit` and the working tree (tracked or not), without dist/. */
export function changedSourceFiles(repoDir: string, baseCommit: string): string[] {
  const tracked = git(repoDir, ['diff', '--name-only', '--no-renames', '-z', baseCommit, '--']).split('\0');
  const untracked = git(repoDir, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0');
  return [...new Set([...tracked, ...untracked])]
    .filter((f) => f !== '' && !f.startsWith('dist/') && f !== 'node_modules' && !f.startsWith('node_modules/'))
    .sort();
}

/** How a change was marked as meant for every environment at once, or undefined when it was not. */
export function allEnvironmentsMark(repoDir: string, baseCommit: string, environment: NodeJS.ProcessEnv = process.env): string | undefined {
  if (environment.GRIDATA_ALL_ENVIRONMENTS === '1') return 'GRIDATA_ALL_ENVIRONMENTS=1 (set by CI from the pull-request label `environments:all`)';
  const log = git(repoDir, ['log', '--format=%H%x1f%(trailers:key=Environments,valueonly,separator=%x1f)%x1e', `${baseCommit}..HEAD`]);
  for (const record of log.split('\x1e')) {
    const [commit, ...values] = record.trim().split('\x1f');
    if (commit && values.some((v) => v.trim().toLowerCase() === 'all')) return `commit ${commit.slice(0, 12)} carries the trailer \`Environments: all\``;
  }
  return undefined;
}

/** Markdown section for `npm run diff`: cause per environment and the direct flags with their objects. */
export function blastRadiusMarkdown(impacts: readonly EnvironmentImpact[], options: { base: string; mark?: string }): string {
  const lines = ['### Blast radius by cause', ''];
  const direct = impacts.filter((i) => i.direct);
  if (direct.length === 0) {
    lines.push('No shared-code change reaches staging or prod: every change there comes from its own environment file.', '');
  } else {
    for (const impact of direct) {
      const objects = impact.changes.filter((c) => c.cause === 'shared');
      lines.push(
        `- ⛔ **${impact.direct}**: shared code or values change ${objects.length} object(s) in \`dist/${impact.env}\` without a promotion` +
          (impact.note ? ` (${impact.note})` : '') +
          ':',
        ...objects.map((c) => `  - ${c.change.status} ${describeObject(c.change.object)} (component \`${c.change.folder}\`)`),
      );
    }
    lines.push(
      '',
      options.mark
        ? `Marked as an all-environments change: ${options.mark}; \`npm run gate\` passes.`
        : 'Not marked as an all-environments change: `npm run gate` fails. Put the change behind a rollout revision ' +
            '(`versions.<component>.revision`, read with `atRevision()` from charts/shared/revision.ts) so it lands in dev ' +
            'first, or mark it with the commit trailer `Environments: all` (or the pull-request label `environments:all`).',
      '',
    );
  }
  const changed = impacts.filter((i) => i.method !== 'unchanged');
  if (changed.length > 0) {
    lines.push('| Environment | Own file changed | Objects from own file | Objects from shared code | How |', '|---|---|---:|---:|---|');
    for (const impact of changed) {
      const own = impact.changes.filter((c) => c.cause === 'environment file').length;
      const shared = impact.changes.length - own;
      lines.push(`| ${impact.env}${impact.direct ? ` (${impact.direct})` : ''} | ${impact.ownFileChanged ? 'yes' : 'no'} | ${own} | ${shared} | ${impact.method} |`);
    }
    lines.push('');
  }
  const unchanged = impacts.filter((i) => i.method === 'unchanged').map((i) => i.env);
  if (unchanged.length > 0) lines.push(`No rendered changes in: ${unchanged.join(', ')}.`, '');
  lines.push(`Per-environment impact: \`npm run gate -- --base ${options.base}\`.`, '');
  return lines.join('\n');
}

