// Post-render step for the polaris chart (1.7), which has no value for service-account tokens.
import { podSpecOf } from '../shared/service-account-token';
import { POLARIS_SERVICE_ACCOUNT } from './values';

type Json = Record<string, any>;

/**
 * Polaris never calls the Kubernetes API (its database and object-store keys come from VSO-synced
 * Secrets as env), so neither its pods nor its ServiceAccount carry a token.
 */
export function polarisWithoutApiToken(objects: Json[]): Json[] {
  for (const o of objects) {
    if (o.kind === 'ServiceAccount' && o.metadata?.name === POLARIS_SERVICE_ACCOUNT) o.automountServiceAccountToken = false;
    const spec = podSpecOf(o);
    if (spec && spec.serviceAccountName === POLARIS_SERVICE_ACCOUNT) spec.automountServiceAccountToken = false;
  }
  return objects;
}
