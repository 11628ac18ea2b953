// The shell script the configuration Job runs with the vault CLI. Every step converges to the
// declared state, so re-running it (every Argo CD sync) changes nothing when nothing changed:
// mounts are enabled only when missing, policies and roles are (over)written from the rendered
// files, and roles/policies that are no longer declared are deleted.
import { VAULT_SERVICE_ADDRESS } from '../shared/vault-secrets';
import { AUDIT_DEVICE, CONFIG_JOB_IDENTITY, type VaultConfiguration } from './model';
import { vaultRoleName } from '../shared/vault-secrets';

export const CONFIG_MOUNT_PATH = '/config';
export const TOKEN_MOUNT_PATH = '/var/run/secrets/vault';
export const BUILT_IN_POLICIES = ['default', 'root'];

export function policyFileName(policy: string): string {
  return `policy-${policy}.hcl`;
}

export function applyScript(config: VaultConfiguration): string {
  const auth = config.authMount;
  const jobRole = vaultRoleName(CONFIG_JOB_IDENTITY);
  const lines = [
    '#!/bin/sh',
    '# Applies the Vault configuration rendered beside this file (generated; do not edit).',
    '# Bootstrap: the very first run needs VAULT_TOKEN from the runbook (charts/vault/README.md);',
    `# afterwards the Job logs in with its own Kubernetes-auth role "${jobRole}".`,
    'set -eu',
    `export VAULT_ADDR="\${VAULT_ADDR:-${VAULT_SERVICE_ADDRESS}}"`,
    '',
    'if [ -z "${VAULT_TOKEN:-}" ]; then',
    `  if ! VAULT_TOKEN="$(vault write -field=token auth/${auth}/login role=${jobRole} jwt=@${TOKEN_MOUNT_PATH}/token)"; then`,
    `    echo "vault-config: login as role ${jobRole} failed; run the bootstrap in charts/vault/README.md once" >&2`,
    '    exit 1',
    '  fi',
    '  export VAULT_TOKEN',
    'fi',
    '',
    '# Secret engine and auth method: enabled only when missing.',
    `if ! vault secrets list -format=json | grep -q '"${config.kvMount}/"'; then`,
    `  vault secrets enable -path=${config.kvMount} -version=2 kv`,
    'fi',
    `if ! vault auth list -format=json | grep -q '"${auth}/"'; then`,
    `  vault auth enable -path=${auth} kubernetes`,
    'fi',
    '# Audit device: every request and response (secrets HMAC-ed) to the server container\'s log; enabled only when missing.',
    `if ! vault audit list -format=json | grep -q '"${AUDIT_DEVICE.path}/"'; then`,
    `  vault audit enable -path=${AUDIT_DEVICE.path} ${AUDIT_DEVICE.type} ${Object.entries(AUDIT_DEVICE.options).map(([k, v]) => `${k}=${v}`).join(' ')}`,
    'fi',
    '# In-cluster: Vault reviews tokens with its own ServiceAccount and CA.',
    `vault write auth/${auth}/config kubernetes_host=https://kubernetes.default.svc:443`,
    '',
    '# Policies, then roles (a role must never point at a policy that does not exist yet).',
    ...config.policies.map((p) => `vault policy write ${p.name} ${CONFIG_MOUNT_PATH}/${policyFileName(p.name)}`),
    ...config.roles.map((r) =>
      [
        `vault write auth/${auth}/role/${r.name}`,
        `bound_service_account_names=${r.serviceAccount}`,
        `bound_service_account_namespaces=${r.namespace}`,
        `audience=${r.audience}`,
        `token_policies=${r.policies.join(',')}`,
        `token_ttl=${r.ttl}`,
        `token_max_ttl=${r.maxTtl}`,
      ].join(' '),
    ),
    '',
    '# Remove what is no longer declared (the config Job\'s own role and policy are always declared).',
    `desired_roles=" ${config.roles.map((r) => r.name).join(' ')} "`,
    `for role in $(vault list -format=json auth/${auth}/role 2>/dev/null | tr -d '[]", ' || true); do`,
    '  case "$desired_roles" in',
    '    *" $role "*) ;;',
    `    *) echo "deleting undeclared role $role"; vault delete "auth/${auth}/role/$role" ;;`,
    '  esac',
    'done',
    `desired_policies=" ${[...BUILT_IN_POLICIES, ...config.policies.map((p) => p.name)].join(' ')} "`,
    'for policy in $(vault policy list); do',
    '  case "$desired_policies" in',
    '    *" $policy "*) ;;',
    '    *) echo "deleting undeclared policy $policy"; vault policy delete "$policy" ;;',
    '  esac',
    'done',
    `echo "vault-config: ${config.policies.length} policies and ${config.roles.length} roles in place"`,
    '',
  ];
  return lines.join('\n');
}
