// Renders a checkout with its OWN renderer (`main.ts --out <dir>`), so a base revision is rendered
// exactly as it was committed. A git ref is checked out in a temporary worktree that shares
// node_modules with the main checkout; the worktree is always removed afterwards.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileMap, type FileMap } from './file-map';
import { git, resolveCommit } from './git';
import { pinsOfEnvironmentText, type EnvironmentPins } from './version-pins';

export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;

export interface RenderedState {
  readonly files: FileMap;
  readonly pins: EnvironmentPins;
}

/** Renders the checkout at `dir` (its working tree as it is) into a temporary folder. */
export async function renderCheckout(dir: string): Promise<RenderedState> {
  const out = mkdtempSync(join(tmpdir(), 'gridata-render-'));
  try {
    await runRenderer(dir, join(out, 'dist'));
    return { files: readFileMap(join(out, 'dist')), pins: pinsOfCheckout(dir) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Renders `ref` of the repository at `repoDir` in a temporary worktree. */
export async function renderRevision(repoDir: string, ref: string): Promise<RenderedState & { commit: string }> {
  const commit = resolveCommit(repoDir, ref);
  const scratch = mkdtempSync(join(tmpdir(), 'gridata-base-'));
  const tree = join(scratch, 'tree');
  git(repoDir, ['worktree', 'add', '--detach', '--quiet', tree, commit]);
  try {
    const modules = join(repoDir, 'node_modules');
    if (existsSync(modules) && !existsSync(join(tree, 'node_modules'))) symlinkSync(modules, join(tree, 'node_modules'), 'dir');
    return { ...(await renderCheckout(tree)), commit };
  } finally {
    try {
      git(repoDir, ['worktree', 'remove', '--force', tree]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

export function pinsOfCheckout(dir: string): EnvironmentPins {
  const pins: EnvironmentPins = new Map();
  for (const env of ENVIRONMENT_NAMES) {
    const file = join(dir, 'environments', `${env}.yaml`);
    pins.set(env, pinsOfEnvironmentText(existsSync(file) ? readFileSync(file, 'utf8') : undefined));
  }
  return pins;
}

function runRenderer(dir: string, outDir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    // CDK8S_OUTDIR_GRIDATA covers revisions whose main.ts predates the --out flag.
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts', '--out', outDir], {
      cwd: dir,
      env: { ...process.env, CDK8S_OUTDIR_GRIDATA: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && existsSync(outDir)) resolvePromise();
      else reject(new Error(`rendering ${dir} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
