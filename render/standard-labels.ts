// Adds the standard labels to every rendered object and to every pod template it carries.
import type { EnvName } from '../environments/catalog';
import { LABEL, standardLabels } from '../charts/shared/labels';

type Json = Record<string, any>;

export function applyStandardLabels(obj: Json, env: EnvName, componentId: string, version: string): void {
  obj.metadata ??= {};
  obj.metadata.labels = withStandardLabels(obj.metadata.labels, env, componentId, String(obj.kind ?? 'object').toLowerCase(), version);
  for (const template of podTemplates(obj)) {
    template.metadata ??= {};
    template.metadata.labels = withStandardLabels(
      template.metadata.labels,
      env,
      obj.metadata.labels[LABEL.name],
      obj.metadata.labels[LABEL.component],
      version,
    );
  }
}

function withStandardLabels(existing: Record<string, string> | undefined, env: EnvName, name: string, component: string, version: string) {
  const labels = existing ?? {};
  const standard = standardLabels(env, { name: labels[LABEL.name] ?? name, component: labels[LABEL.component] ?? component }, version);
  // An explicit instance label (e.g. an upstream chart's release name) is kept.
  if (labels[LABEL.instance]) standard[LABEL.instance] = labels[LABEL.instance];
  return { ...labels, ...standard };
}

/** Pod templates of workload kinds: Deployment, StatefulSet, DaemonSet, Job, CronJob. */
export function podTemplates(obj: Json): Json[] {
  const spec = obj.spec;
  if (!spec || typeof spec !== 'object') return [];
  if (obj.kind === 'CronJob') return spec.jobTemplate?.spec?.template ? [spec.jobTemplate.spec.template] : [];
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'].includes(obj.kind)) return spec.template ? [spec.template] : [];
  return [];
}
