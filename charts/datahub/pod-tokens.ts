// Post-render step for the datahub chart (1.1.0): it never writes automountServiceAccountToken, on
// its pods nor on its ServiceAccounts, and has no value for it. Each pod gets the setting here:
// only the system-update Jobs talk to the Kubernetes API (their Role scales Deployments down and
// keeps the scale-down state in a ConfigMap); GMS, the frontend and actions never do.
import { podSpecOf } from '../shared/service-account-token';
import { DATAHUB_RELEASE } from './constants';

type Json = Record<string, any>;

/** The chart's workloads whose pods use the API with their ServiceAccount's token. */
export const API_CLIENT_JOBS = [`${DATAHUB_RELEASE}-system-update`, `${DATAHUB_RELEASE}-system-update-nonblk`] as const;

export function datahubPodTokens(objects: Json[]): Json[] {
  for (const o of objects) {
    const spec = podSpecOf(o);
    if (!spec || spec.automountServiceAccountToken !== undefined) continue;
    spec.automountServiceAccountToken = o.kind === 'Job' && (API_CLIENT_JOBS as readonly string[]).includes(o.metadata?.name);
  }
  return objects;
}
