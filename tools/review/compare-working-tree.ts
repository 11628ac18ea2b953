// The one comparison `npm run diff` and `npm run gate` both make: `base` rendered by its own
// renderer (cached per commit) while the working tree renders in this process, the object review
// of the two, and each environment's changes classified by cause (blast-radius.ts).
import { resolve } from 'node:path';
import { repoRootOf, resolveCommit } from './git';
import { renderCheckoutInProcess, renderRevision, type RenderedState } from './render-revision';
import { review, type Review } from './review';
import { allEnvironmentsMark, blastRadiusOfWorkingTree, type EnvironmentImpact } from './blast-radius';

export interface WorkingTreeComparison {
  readonly repo: string;
  readonly base: RenderedState & { readonly commit: string };
  readonly head: RenderedState;
  readonly review: Review;
  readonly impacts: readonly EnvironmentImpact[];
  /** Why the change counts as an all-environments change, when it does. */
  readonly mark: string | undefined;
}

export async function compareWorkingTree(repoDir: string, baseRef: string, options: { cache: boolean }): Promise<WorkingTreeComparison> {
  const repo = repoRootOf(resolve(repoDir));
  resolveCommit(repo, baseRef); // an unknown ref is refused before anything renders
  const basePending = renderRevision(repo, baseRef, { cache: options.cache });
  // A failure here must still wait for the base render, whose finally-block removes the worktree.
  let head: RenderedState;
  try {
    head = await renderCheckoutInProcess(repo);
  } catch (error) {
    await basePending.catch(() => undefined);
    throw error;
  }
  const base = await basePending;
  const result = review({ base, head });
  const impacts = await blastRadiusOfWorkingTree(repo, base.commit, base.files, result.changes);
  return { repo, base, head, review: result, impacts, mark: allEnvironmentsMark(repo, base.commit) };
}
