// The Grafana admin credentials: a VSO-synced Secret (keys admin-user, admin-password) so the
// chart never generates a password that every Argo CD render would rotate.
import type { Environment } from '../../environments/types';
import { vaultPath, type SyncedSecret } from '../shared/vault-secrets';
import { KPS_RELEASE, MONITORING_NAMESPACE } from './constants';
import { GRAFANA_ADMIN_SECRET } from './values';
import { ALERT_RECEIVERS_SECRET } from './alertmanager-config';

export function grafanaAdminSecret(env: Environment): SyncedSecret {
  return {
    kind: 'synced',
    namespace: MONITORING_NAMESPACE,
    secretName: GRAFANA_ADMIN_SECRET,
    path: vaultPath(env, 'monitoring', 'grafana-admin'),
    rolloutRestartTargets: [{ kind: 'StatefulSet', name: `${KPS_RELEASE}-grafana` }],
  };
}

/**
 * The alert receivers' credentials (webhook URLs, routing keys, SMTP passwords; one key per receiver,
 * see receiverSecretKeys) from <env>/monitoring/<alerting.vaultSecret>. Alertmanager reads them as
 * files on every notification, so a rotation needs no restart.
 */
export function alertReceiversSecret(env: Environment): SyncedSecret {
  return {
    kind: 'synced',
    namespace: MONITORING_NAMESPACE,
    secretName: ALERT_RECEIVERS_SECRET,
    path: vaultPath(env, 'monitoring', env.monitoring.alerting.vaultSecret),
  };
}
