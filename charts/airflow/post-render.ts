// What the Airflow chart's values cannot express, applied to its rendered objects (HelmSource.postRender).
import { podTokenFromServiceAccount } from '../shared/service-account-token';

type Json = Record<string, any>;

/**
 * Chart 1.22 sets automountServiceAccountToken on every ServiceAccount it renders but on no pod
 * template except the scheduler's (and there only as `false`): each pod gets its ServiceAccount's
 * setting written explicitly (values.ts decides the ServiceAccounts' settings).
 */
export function airflowPostRender(objects: Json[]): Json[] {
  return podTokenFromServiceAccount(objects);
}
