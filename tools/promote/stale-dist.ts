// The source environment's committed dist/ must be exactly what the renderer produces now,
// otherwise the versions being promoted were never reviewed as rendered output.
import type { FileMap } from '../review/file-map';
import { gitBlobId, treeBlobIds } from '../review/git';
import { PromotionRefused } from './refusal';

/** Paths (under dist/<env>/) whose committed content differs from `rendered` for that env. */
export function staleDistFiles(repoDir: string, env: string, rendered: FileMap): string[] {
  const committed = treeBlobIds(repoDir, 'HEAD', `dist/${env}/`);
  const fresh = new Map<string, string>();
  for (const [path, content] of rendered) {
    if (path.startsWith(`${env}/`)) fresh.set(path.slice(env.length + 1), gitBlobId(content));
  }
  const paths = [...new Set([...committed.keys(), ...fresh.keys()])].sort();
  return paths.filter((p) => committed.get(p) !== fresh.get(p)).map((p) => `dist/${env}/${p}`);
}

export function assertDistFresh(repoDir: string, env: string, rendered: FileMap): void {
  const stale = staleDistFiles(repoDir, env, rendered);
  if (stale.length === 0) return;
  const shown = stale.slice(0, 5).join(', ') + (stale.length > 5 ? `, … (${stale.length} in all)` : '');
  throw new PromotionRefused(
    `the committed dist/${env} is stale: ${stale.length} file(s) differ from a fresh render of environments/${env}.yaml (${shown}). ` +
      `Run \`npm run synth\`, review and commit dist/${env} before promoting from ${env}.`,
  );
}
