// Where a promotion reads and writes: `--repo` must be an existing folder inside a git checkout.
// Checked in-process before git runs, so a wrong path is one refusal line, not a spawn error.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRootOf } from '../review/git';
import { PromotionRefused } from './refusal';

export function promotionRepository(dir: string): string {
  if (!existsSync(dir)) throw new PromotionRefused(`--repo ${dir} does not exist: expected the folder of a Gridata git checkout`);
  if (!statSync(dir).isDirectory()) throw new PromotionRefused(`--repo ${dir} is not a folder: expected the folder of a Gridata git checkout`);
  if (!insideGitCheckout(dir)) throw new PromotionRefused(`--repo ${dir} is not inside a git checkout: expected the folder of a Gridata git checkout`);
  let root: string;
  try {
    root = repoRootOf(dir);
  } catch (error) {
    throw new PromotionRefused(`--repo ${dir}: git cannot use it (${firstLine(error)})`);
  }
  if (!existsSync(join(root, 'environments'))) throw new PromotionRefused(`${root} has no environments/ folder: expected a Gridata checkout`);
  return root;
}

function insideGitCheckout(dir: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return true;
    if (dirname(current) === current) return false;
  }
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((l) => l.trim() !== '' && !l.startsWith('Command failed'))?.trim() ?? message.trim();
}
