// The provisioning Job's two scripts. Both converge: buckets are created only when missing,
// lifecycle/versioning/policies are (re)set to the declared state, users are upserted, and a
// service's keys are generated only when Vault has none (check-and-set 0 never overwrites).
import type { Environment } from '../../environments/types';
import { BUCKETS, OBJECT_STORE_USERS, S3_ENDPOINT, objectStoreUserPath, type ObjectStoreUser } from '../shared/endpoints';
import { VAULT_KUBERNETES_AUTH_MOUNT, VAULT_KV_MOUNT, vaultRoleName } from '../shared/vault-secrets';
import { LIFECYCLE_EXPIRY_DAYS, VERSIONED_BUCKETS, policyName } from './access-matrix';
import { OBJECT_STORE_NAMESPACE } from '../shared/endpoints';
import { PROVISIONER_SERVICE_ACCOUNT, rootCredentialsPath } from './vault-consumers';

export const CONFIG_DIR = '/config';
/** Memory-backed volume shared by the two containers; never written to disk. */
export const WORK_DIR = '/work';
export const TOKEN_DIR = '/var/run/secrets/vault';
export const MC_ALIAS = 'gridata';

export const policyFile = (user: ObjectStoreUser) => `policy-${user}.json`;
export const lifecycleFile = (bucket: string) => `lifecycle-${bucket}.json`;

export function vaultKeysScript(env: Environment): string {
  const role = vaultRoleName({ namespace: OBJECT_STORE_NAMESPACE, serviceAccount: PROVISIONER_SERVICE_ACCOUNT });
  return [
    '#!/bin/sh',
    '# Fetches the root credentials and every service user\'s keys from Vault into the memory volume,',
    '# generating a user\'s keys first when Vault has none. Generated; do not edit.',
    'set -eu',
    'umask 077',
    `VAULT_TOKEN="$(vault write -field=token auth/${VAULT_KUBERNETES_AUTH_MOUNT}/login role=${role} jwt=@${TOKEN_DIR}/token)"`,
    'export VAULT_TOKEN',
    `mkdir -p ${WORK_DIR}/users`,
    `vault kv get -mount=${VAULT_KV_MOUNT} -field=rootUser ${rootCredentialsPath(env)} > ${WORK_DIR}/root-user`,
    `vault kv get -mount=${VAULT_KV_MOUNT} -field=rootPassword ${rootCredentialsPath(env)} > ${WORK_DIR}/root-password`,
    '',
    'random() { head -c 96 /dev/urandom | base64 | tr -dc "A-Za-z0-9" | head -c "$1"; }',
    '',
    '# ensure_user <user> <vault path>',
    'ensure_user() {',
    `  if ! out="$(vault kv get -mount=${VAULT_KV_MOUNT} -field=accessKey "$2" 2>&1)"; then`,
    '    case "$out" in',
    '      *"No value found"*)',
    '        # -cas=0 writes only if the secret still does not exist: a concurrent run cannot overwrite keys in use.',
    `        printf '{"accessKey":"%s","secretKey":"%s"}' "$(random 20)" "$(random 40)" | vault kv put -mount=${VAULT_KV_MOUNT} -cas=0 "$2" - > /dev/null`,
    '        echo "generated keys for $1" ;;',
    '      *) echo "$out" >&2; exit 1 ;;',
    '    esac',
    '  fi',
    `  vault kv get -mount=${VAULT_KV_MOUNT} -field=accessKey "$2" > "${WORK_DIR}/users/$1.access"`,
    `  vault kv get -mount=${VAULT_KV_MOUNT} -field=secretKey "$2" > "${WORK_DIR}/users/$1.secret"`,
    '}',
    '',
    ...OBJECT_STORE_USERS.map((user) => `ensure_user ${user} ${objectStoreUserPath(env, user)}`),
    '',
  ].join('\n');
}

export function provisionScript(): string {
  const a = MC_ALIAS;
  const buckets = Object.values(BUCKETS);
  return [
    '#!/bin/sh',
    '# Creates the buckets, their lifecycle and versioning, and one user + policy per service. Generated; do not edit.',
    'set -eu',
    `mc alias set ${a} ${S3_ENDPOINT} "$(cat ${WORK_DIR}/root-user)" "$(cat ${WORK_DIR}/root-password)" --api S3v4 > /dev/null`,
    'tries=0',
    `until mc ls ${a} > /dev/null 2>&1; do`,
    '  tries=$((tries + 1))',
    '  if [ "$tries" -ge 60 ]; then echo "object store not reachable after 5 minutes" >&2; exit 1; fi',
    '  sleep 5',
    'done',
    '',
    '# Buckets: created when missing, never public.',
    ...buckets.flatMap((b) => [`mc mb --ignore-existing ${a}/${b}`, `mc anonymous set none ${a}/${b}`]),
    '',
    '# Versioning and lifecycle: set to the declared state (import replaces the whole lifecycle configuration).',
    ...VERSIONED_BUCKETS.map((b) => `mc version enable ${a}/${b}`),
    ...Object.keys(LIFECYCLE_EXPIRY_DAYS).sort().map((b) => `mc ilm import ${a}/${b} < ${CONFIG_DIR}/${lifecycleFile(b)}`),
    '',
    '# One user per service with exactly its policy (create/add are upserts).',
    'ensure_user() {',
    `  access="$(cat ${WORK_DIR}/users/$1.access)"`,
    `  mc admin policy create ${a} "$2" "${CONFIG_DIR}/policy-$1.json"`,
    `  mc admin user add ${a} "$access" "$(cat ${WORK_DIR}/users/$1.secret)" > /dev/null`,
    `  if ! mc admin user info ${a} "$access" --json | grep -q "\\"$2\\""; then`,
    `    mc admin policy attach ${a} "$2" --user "$access"`,
    '  fi',
    '  echo "user for $1 has policy $2"',
    '}',
    ...OBJECT_STORE_USERS.map((user) => `ensure_user ${user} ${policyName(user)}`),
    '',
  ].join('\n');
}
