// Vault's NetworkPolicies are generated from the flows declared for it (charts/vault/flows.ts and
// every client's `toVault`).
import { VAULT_RELEASE } from './server-config';

export const VAULT_SERVER_POD_LABELS = { 'app.kubernetes.io/name': VAULT_RELEASE, 'app.kubernetes.io/instance': VAULT_RELEASE, component: 'server' };
export const INJECTOR_POD_LABELS = { 'app.kubernetes.io/name': `${VAULT_RELEASE}-agent-injector`, 'app.kubernetes.io/instance': VAULT_RELEASE, component: 'webhook' };
