// Flows of the Vault Secrets Operator: the controller logs in to Vault and reads the synced secrets,
// and calls the API server (as do its Helm hook Jobs); Prometheus scrapes it.
import type { Environment } from '../../environments/types';
import { toKubeApiServer, workload, type Flow } from '../shared/flows';
import { LABEL } from '../shared/labels';
import { VSO_HOOK_COMPONENTS } from './post-render';
import { scrapedBy } from '../monitoring/flows';
import { toVault } from '../vault/flows';
import { VSO_METRICS_PORT, VSO_NAMESPACE, VSO_POD_LABELS } from './network-policies';

const C = 'vault-secrets-operator';
export const vsoController = () => workload(C, VSO_NAMESPACE, 'vso-controller', VSO_POD_LABELS);
/** The chart's hook Jobs (CRD upgrade, pre-delete cleanup), told apart by the component label post-render gives them. */
export const vsoJobs = () =>
  workload(C, VSO_NAMESPACE, 'vso-hook-jobs', {
    matchLabels: { [LABEL.name]: 'vault-secrets-operator' },
    matchExpressions: [{ key: LABEL.component, operator: 'In', values: Object.values(VSO_HOOK_COMPONENTS).sort() }],
  });

export function vsoFlows(env: Environment): Flow[] {
  return [
    toVault(vsoController(), 'VSO logs in with Kubernetes auth and reads every synced secret'),
    toKubeApiServer(env, vsoController(), 'VSO watches its resources and writes the Secrets'),
    toKubeApiServer(env, vsoJobs(), "The chart's hook Jobs upgrade the CRDs and clean up on deletion"),
    ...scrapedBy(env, vsoController(), VSO_METRICS_PORT, 'the Vault Secrets Operator'),
  ];
}
