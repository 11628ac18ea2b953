// Post-render steps for the vault-secrets-operator chart (1.4), for what no chart value reaches.
import { podTokenFromServiceAccount } from '../shared/service-account-token';
import { VSO_RELEASE } from './values';

type Json = Record<string, any>;

/**
 * The chart's hook Jobs and the component label their pods get, so a NetworkPolicy can select
 * each of them: the chart gives their pod templates no labels at all (and no value for any).
 */
export const VSO_HOOK_COMPONENTS: Readonly<Record<string, string>> = {
  [`upgrade-crds-${VSO_RELEASE}`]: 'upgrade-crds',
  [`pdcc-${VSO_RELEASE}`]: 'pre-delete-cleanup',
};

export function vsoPostRender(objects: Json[]): Json[] {
  for (const o of objects) {
    const component = o.kind === 'Job' ? VSO_HOOK_COMPONENTS[o.metadata?.name] : undefined;
    if (!component) continue;
    const template = (o.spec.template ??= {});
    template.metadata ??= {};
    template.metadata.labels = { ...template.metadata.labels, 'app.kubernetes.io/name': VSO_RELEASE, 'app.kubernetes.io/component': component };
  }
  // Every VSO pod (controller and both hooks) talks to the API server under a bound ServiceAccount;
  // the chart never states automountServiceAccountToken on a pod: take the ServiceAccount's setting.
  return podTokenFromServiceAccount(objects);
}
