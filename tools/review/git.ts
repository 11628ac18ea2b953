// Thin wrappers around the git CLI: every failure names the command and git's own message.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

export function git(repoDir: string, args: readonly string[], input?: string): string {
  const result = spawnSync('git', args, { cwd: repoDir, encoding: 'utf8', input, maxBuffer: 512 * 1024 * 1024 });
  if (result.error) throw new GitError(`git ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new GitError(`git ${args.join(' ')} failed in ${repoDir}: ${result.stderr.trim() || `exit ${result.status}`}`);
  }
  return result.stdout;
}

/** The top-level folder of the git checkout containing `dir`. */
export function repoRootOf(dir: string): string {
  return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8' }).trim();
}

/** Resolves a ref to a commit id, refusing refs that do not exist. */
export function resolveCommit(repoDir: string, ref: string): string {
  const result = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repoDir, encoding: 'utf8' });
  if (result.status !== 0) throw new GitError(`unknown git revision ${JSON.stringify(ref)} in ${repoDir}`);
  return result.stdout.trim();
}

/** The object id git would give `content` as a blob, so files compare to a tree without reading it. */
export function gitBlobId(content: string): string {
  const body = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}

/** Blob ids of the files under `prefix` in the tree of `ref`, keyed by path relative to `prefix`. */
export function treeBlobIds(repoDir: string, ref: string, prefix: string): Map<string, string> {
  const out = git(repoDir, ['ls-tree', '-r', '-z', ref, '--', prefix]);
  const ids = new Map<string, string>();
  for (const entry of out.split('\0').filter(Boolean)) {
    const [meta, path] = entry.split('\t') as [string, string];
    const [, type, id] = meta.split(' ') as [string, string, string];
    if (type === 'blob') ids.set(path.slice(prefix.length).replace(/^\//, ''), id);
  }
  return ids;
}

/** Contents of `<rev>:<path>` for many paths in one git process; missing paths map to undefined. */
export function readBlobs(repoDir: string, specs: readonly string[]): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  if (specs.length === 0) return result;
  const out = spawnSync('git', ['cat-file', '--batch'], { cwd: repoDir, input: specs.join('\n') + '\n', maxBuffer: 512 * 1024 * 1024 });
  if (out.status !== 0) throw new GitError(`git cat-file --batch failed in ${repoDir}: ${out.stderr.toString().trim()}`);
  const buffer = out.stdout;
  let offset = 0;
  for (const spec of specs) {
    const lineEnd = buffer.indexOf(0x0a, offset);
    const header = buffer.subarray(offset, lineEnd).toString('utf8');
    offset = lineEnd + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      result.set(spec, undefined);
      continue;
    }
    const size = Number(header.split(' ')[2]);
    result.set(spec, buffer.subarray(offset, offset + size).toString('utf8'));
    offset += size + 1;
  }
  return result;
}
