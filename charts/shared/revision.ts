// Rollout revisions: the per-environment switch that lets a change to shared code (a chart's
// values, a shared construct) land in dev first and reach staging and prod by promotion.
//
//   if (atRevision(env, 'airflow', 2)) { …new behaviour… } else { …what staging and prod render today… }
//
// and set `versions.airflow.revision: 2` in environments/dev.yaml only. The rendered change then
// touches dist/dev alone; `npm run promote -- --from dev --to staging --only airflow` moves the
// revision like a version pin, and so on to prod. Once every environment is at 2, delete the old
// branch (a change that renders nothing new anywhere). See docs/decisions/0016-*.md.
import type { Environment } from '../../environments/types';
import type { VERSION_COMPONENTS } from '../../environments/catalog';

/** The component's rollout revision in this environment (0 when the file sets none). */
export function revisionOf(env: Environment, component: (typeof VERSION_COMPONENTS)[number]): number {
  return env.versions[component].revision ?? 0;
}

/** Whether this environment has been promoted to `revision` (or later) of the component. */
export function atRevision(env: Environment, component: (typeof VERSION_COMPONENTS)[number], revision: number): boolean {
  return revisionOf(env, component) >= revision;
}
