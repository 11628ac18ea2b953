// Adds the standard labels to every rendered object and to every pod template it carries.
import type { EnvName } from '../environments/catalog';
import { LABEL, standardLabels } from '../charts/shared/labels';

type Json = Record<string, any>;

/**
 * The label selectors of an upstream chart's objects. Labels a selector matches an object or pod
 * template by keep the chart's value there: overwriting them would make a workload's (immutable)
 * selector, a Service or a ServiceMonitor miss what it selects.
 */
export type SelectedLabels = readonly Readonly<Record<string, string>>[];

export function applyStandardLabels(obj: Json, env: EnvName, componentId: string, version: string, selected: SelectedLabels = []): void {
  obj.metadata ??= {};
  obj.metadata.labels = withStandardLabels(obj.metadata.labels, env, componentId, String(obj.kind ?? 'object').toLowerCase(), version, selected);
  for (const template of podTemplates(obj)) {
    template.metadata ??= {};
    template.metadata.labels = withStandardLabels(
      template.metadata.labels,
      env,
      obj.metadata.labels[LABEL.name],
      obj.metadata.labels[LABEL.component],
      version,
      selected,
    );
  }
}

function withStandardLabels(existing: Record<string, string> | undefined, env: EnvName, name: string, component: string, version: string, selected: SelectedLabels) {
  const labels = existing ?? {};
  const standard: Record<string, string> = standardLabels(env, { name: labels[LABEL.name] ?? name, component: labels[LABEL.component] ?? component }, version);
  // An explicit instance label (e.g. an upstream chart's release name) is kept.
  if (labels[LABEL.instance]) standard[LABEL.instance] = labels[LABEL.instance];
  for (const selector of selected) {
    if (Object.entries(selector).every(([k, v]) => labels[k] === v)) for (const key of Object.keys(selector)) delete standard[key];
  }
  return { ...labels, ...standard };
}

/** Every label selector among `objects`' specs: matchLabels maps and plain selector maps (Services). */
export function selectedLabels(objects: readonly Json[]): Record<string, string>[] {
  const found = new Map<string, Record<string, string>>();
  const visit = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) value.forEach((v) => visit(v));
    else if (value && typeof value === 'object') {
      const map = value as Record<string, unknown>;
      const entries = Object.entries(map);
      if ((key === 'matchLabels' || key === 'selector') && entries.length > 0 && entries.every(([, v]) => typeof v === 'string')) {
        found.set(JSON.stringify(Object.fromEntries(entries.sort())), map as Record<string, string>);
      } else for (const [k, v] of entries) visit(v, k);
    }
  };
  for (const o of objects) visit(o.spec);
  return [...found.values()];
}

/** Pod templates of workload kinds: Deployment, StatefulSet, DaemonSet, Job, CronJob. */
export function podTemplates(obj: Json): Json[] {
  const spec = obj.spec;
  if (!spec || typeof spec !== 'object') return [];
  if (obj.kind === 'CronJob') return spec.jobTemplate?.spec?.template ? [spec.jobTemplate.spec.template] : [];
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet'].includes(obj.kind)) return spec.template ? [spec.template] : [];
  return [];
}
