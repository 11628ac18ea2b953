// Pins of each environment file at every commit of the main line (git log --first-parent),
// oldest first. Reads each distinct file version once, with two git processes in all.
import { git, readBlobs, GitError } from '../review/git';
import { pinsOfEnvironmentText, type Pins } from '../review/version-pins';

export interface CommitPins {
  readonly commit: string;
  readonly pins: ReadonlyMap<string, Pins>;
}

export function mainLinePins(repoDir: string, ref: string, environments: readonly string[]): CommitPins[] {
  if (git(repoDir, ['rev-parse', '--is-shallow-repository']).trim() === 'true') {
    throw new GitError(`${repoDir} is a shallow clone: the promotion guard needs the full history (actions/checkout with fetch-depth: 0)`);
  }
  const commits = git(repoDir, ['rev-list', '--first-parent', '--reverse', ref]).split('\n').filter(Boolean);
  const specs = commits.flatMap((commit) => environments.map((env) => `${commit}:environments/${env}.yaml`));
  const blobIds = blobIdsOf(repoDir, specs);
  const distinct = [...new Set([...blobIds.values()].filter((id): id is string => id !== undefined))];
  const texts = readBlobs(repoDir, distinct);
  const pinsByBlob = new Map(distinct.map((id) => [id, pinsOfEnvironmentText(texts.get(id))]));
  return commits.map((commit) => ({
    commit,
    pins: new Map(
      environments.map((env) => {
        const id = blobIds.get(`${commit}:environments/${env}.yaml`);
        return [env, id ? pinsByBlob.get(id)! : new Map()];
      }),
    ),
  }));
}

function blobIdsOf(repoDir: string, specs: readonly string[]): Map<string, string | undefined> {
  const ids = new Map<string, string | undefined>();
  if (specs.length === 0) return ids;
  const lines = git(repoDir, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], specs.join('\n') + '\n').split('\n');
  specs.forEach((spec, i) => {
    const [id, type] = (lines[i] ?? '').split(' ');
    ids.set(spec, type === 'blob' ? id : undefined);
  });
  return ids;
}
