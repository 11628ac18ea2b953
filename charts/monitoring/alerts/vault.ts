// Vault alerts (server telemetry at /v1/sys/metrics?format=prometheus).
import type { AlertGroup } from './types';

export const VAULT_ALERTS: AlertGroup = {
  name: 'vault',
  alerts: [
    {
      alert: 'VaultSealed',
      expr: 'vault_core_unsealed == 0',
      for: '1m',
      severity: 'critical',
      summary: 'Vault server {{ $labels.instance }} is sealed',
      description: 'Vault server {{ $labels.instance }} has been sealed for a minute: pods that need secrets cannot start. Follow the unseal runbook.',
    },
  ],
};
