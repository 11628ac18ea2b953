// Post-render steps for the vault chart (no value reaches these fields):
// - pods state their ServiceAccounts' automountServiceAccountToken (podTokenFromServiceAccount);
// - the injector hands every agent it injects the CA of Vault's listener: AGENT_INJECT_VAULT_CACERT_BYTES
//   from the server certificate's Secret (the chart's injector.extraEnvironmentVars takes literals only,
//   and the CA is made in-cluster by cert-manager, so no literal exists).
import { podTokenFromServiceAccount } from '../shared/service-account-token';
import { CA_KEY, VAULT_SERVER_TLS_SECRET } from '../shared/vault-tls';
import { VAULT_RELEASE } from './server-config';

type Json = Record<string, any>;

export const INJECTOR_CA_ENV = 'AGENT_INJECT_VAULT_CACERT_BYTES';

export function injectorTrustsVaultCa(objects: Json[]): Json[] {
  for (const o of objects) {
    if (o.kind !== 'Deployment' || o.metadata?.name !== `${VAULT_RELEASE}-agent-injector`) continue;
    for (const c of o.spec.template.spec.containers as Json[]) {
      if (c.name !== 'sidecar-injector') continue;
      c.env = [...(c.env ?? []).filter((e: Json) => e.name !== INJECTOR_CA_ENV), { name: INJECTOR_CA_ENV, valueFrom: { secretKeyRef: { name: VAULT_SERVER_TLS_SECRET, key: CA_KEY } } }];
    }
  }
  return objects;
}

export function vaultPostRender(objects: Json[]): Json[] {
  return injectorTrustsVaultCa(podTokenFromServiceAccount(objects));
}
