// Post-render step for upstream charts that set automountServiceAccountToken on the ServiceAccounts
// they render but never on the pod templates using them (Airflow 1.22 for all but the scheduler,
// Bitnami MySQL 9.4.9 in datahub-prerequisites). Kubernetes then takes the ServiceAccount's setting;
// writing it on the pod states the same thing where reviewers and rule PSS-003 read it, and keeps a
// pod's token from silently following a ServiceAccount edit. No chart value reaches these fields.
type Json = Record<string, any>;

/** The pod spec of a workload object, wherever its kind keeps it. */
export function podSpecOf(o: Json): Json | undefined {
  switch (o.kind) {
    case 'Pod':
      return o.spec;
    case 'CronJob':
      return o.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return o.spec?.template?.spec;
    default:
      return undefined;
  }
}

/**
 * Sets each pod template's automountServiceAccountToken, where the chart left it out, to the value
 * its ServiceAccount (rendered by the same chart) gives it: the ServiceAccount's own field, or
 * Kubernetes' default `true` when the ServiceAccount has none. Pods whose ServiceAccount the chart
 * does not render are left alone (the rule then still asks for a decision).
 */
export function podTokenFromServiceAccount(objects: Json[]): Json[] {
  const accounts = new Map<string, boolean>();
  for (const o of objects) {
    if (o.kind === 'ServiceAccount') accounts.set(`${o.metadata.namespace}/${o.metadata.name}`, o.automountServiceAccountToken ?? true);
  }
  for (const o of objects) {
    const spec = podSpecOf(o);
    if (!spec || spec.automountServiceAccountToken !== undefined) continue;
    const mount = accounts.get(`${o.metadata.namespace}/${spec.serviceAccountName ?? 'default'}`);
    if (mount !== undefined) spec.automountServiceAccountToken = mount;
  }
  return objects;
}
