// Runs the provisioning Job's real generated scripts under /bin/sh. The vault and mc binaries cannot
// run on this machine (no registry ships them), so small stand-ins keep state in a directory the way
// the servers would: a KV store honouring check-and-set 0, and a MinIO keeping users and policies.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../../environments/load';
import { provisionScript, vaultKeysScript, WORK_DIR, TOKEN_DIR, CONFIG_DIR } from '../../../charts/object-store/provisioning-scripts';
import { OBJECT_STORE_USERS } from '../../../charts/shared/endpoints';
import { provisioningData } from '../../../charts/object-store/provisioning-job';

const FAKE_VAULT = `#!/bin/sh
# vault stand-in: login, kv get -field, kv put -cas=0 from stdin; state under $STATE/kv.
echo "vault $*" >> "$STATE/calls"
case "$1 $2" in
  "write -field=token") echo "s.test-token"; exit 0 ;;
esac
if [ "$1" = "kv" ] && [ "$2" = "get" ]; then
  field="\${4#-field=}"; path="$5"
  [ -f "$STATE/kv/$path" ] || { echo "No value found at kv/data/$path" >&2; exit 2; }
  python3 -c 'import json,sys; sys.stdout.write(json.load(open(sys.argv[1]))[sys.argv[2]])' "$STATE/kv/$path" "$field"; exit 0
fi
if [ "$1" = "kv" ] && [ "$2" = "put" ]; then
  [ "$4" = "-cas=0" ] || { echo "expected -cas=0" >&2; exit 1; }
  path="$5"
  [ -f "$STATE/kv/$path" ] && { echo "check-and-set parameter did not match the current version" >&2; exit 2; }
  mkdir -p "$(dirname "$STATE/kv/$path")"; cat > "$STATE/kv/$path"; exit 0
fi
echo "unexpected vault call: $*" >&2; exit 1
`;

const FAKE_MC = `#!/bin/sh
# mc stand-in: records calls; keeps attached policies per user under $STATE/mc.
echo "mc $*" >> "$STATE/calls"
mkdir -p "$STATE/mc"
case "$1" in
  alias|ls|mb|anonymous|version) exit 0 ;;
  ilm) cat > /dev/null; exit 0 ;;
esac
if [ "$1 $2 $3" = "admin policy create" ]; then cp "$6" "$STATE/mc/policy-$5"; exit 0; fi
if [ "$1 $2 $3" = "admin user add" ]; then touch "$STATE/mc/user-$5"; exit 0; fi
if [ "$1 $2 $3" = "admin user info" ]; then
  printf '{"status":"success","accessKey":"%s","policyName":"%s"}\\n' "$5" "$(cat "$STATE/mc/attached-$5" 2>/dev/null)"; exit 0
fi
if [ "$1 $2 $3" = "admin policy attach" ]; then
  [ -f "$STATE/mc/attached-$7" ] && { echo "policy already attached" >&2; exit 1; }
  echo "$5" > "$STATE/mc/attached-$7"; exit 0
fi
echo "unexpected mc call: $*" >&2; exit 1
`;

let root: string;
const env = loadEnvironment('prod');

function localise(script: string): string {
  return script.replaceAll(WORK_DIR + '/', `${root}/work/`).replaceAll(`mkdir -p ${WORK_DIR}`, `mkdir -p ${root}/work`).replaceAll(TOKEN_DIR, `${root}/token`).replaceAll(CONFIG_DIR + '/', `${root}/config/`);
}

function run(name: 'vault-keys' | 'provision'): string {
  const file = join(root, `${name}.sh`);
  writeFileSync(file, localise(name === 'vault-keys' ? vaultKeysScript(env) : provisionScript()));
  return execFileSync('/bin/sh', [file], { env: { PATH: `${root}/bin:/usr/bin:/bin`, STATE: root }, encoding: 'utf8' });
}

const calls = () => (existsSync(join(root, 'calls')) ? readFileSync(join(root, 'calls'), 'utf8').trim().split('\n') : []);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'minio-provisioning-'));
  mkdirSync(join(root, 'bin'));
  writeFileSync(join(root, 'bin/vault'), FAKE_VAULT);
  writeFileSync(join(root, 'bin/mc'), FAKE_MC);
  chmodSync(join(root, 'bin/vault'), 0o755);
  chmodSync(join(root, 'bin/mc'), 0o755);
  mkdirSync(join(root, 'kv/prod/object-store'), { recursive: true });
  // Seeded by people per the runbook; never real values.
  writeFileSync(join(root, 'kv/prod/object-store/root'), JSON.stringify({ rootUser: 'test-root', rootPassword: 'test-root-password' }));
  mkdirSync(join(root, 'config'));
  for (const [file, content] of Object.entries(provisioningData(env))) writeFileSync(join(root, 'config', file), content);
});

describe('object store provisioning scripts', () => {
  it('generate every service user\'s keys once and reuse them on the next run', () => {
    const first = run('vault-keys');
    expect(first.trim().split('\n').sort()).toEqual(OBJECT_STORE_USERS.map((u) => `generated keys for ${u}`).sort());
    const stored = JSON.parse(readFileSync(join(root, 'kv/prod/object-store/users/spark'), 'utf8'));
    expect(stored.accessKey).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(stored.secretKey).toMatch(/^[A-Za-z0-9]{40}$/);

    const second = run('vault-keys');
    expect(second).toBe('');
    expect(JSON.parse(readFileSync(join(root, 'kv/prod/object-store/users/spark'), 'utf8'))).toEqual(stored);
    expect(calls().filter((c) => c.startsWith('vault kv put'))).toHaveLength(OBJECT_STORE_USERS.length);
    expect(readFileSync(join(root, 'work/users/spark.secret'), 'utf8')).toBe(stored.secretKey);
    expect(readFileSync(join(root, 'work/root-user'), 'utf8')).toBe('test-root');
  });

  it('never overwrites keys that already exist in Vault', () => {
    mkdirSync(join(root, 'kv/prod/object-store/users'), { recursive: true });
    writeFileSync(join(root, 'kv/prod/object-store/users/airflow'), JSON.stringify({ accessKey: 'existingAccess', secretKey: 'existingSecret' }));
    const out = run('vault-keys');
    expect(out).not.toContain('generated keys for airflow');
    expect(readFileSync(join(root, 'work/users/airflow.access'), 'utf8')).toBe('existingAccess');
  });

  it('fails on a Vault error other than a missing secret instead of generating keys', () => {
    writeFileSync(join(root, 'bin/vault'), FAKE_VAULT.replace('No value found at', 'permission denied reading'));
    expect(() => run('vault-keys')).toThrow();
    expect(calls().some((c) => c.startsWith('vault kv put'))).toBe(false);
  });

  it('creates buckets only when missing and attaches each policy exactly once across runs', () => {
    run('vault-keys');
    run('provision');
    run('provision');
    const mc = calls().filter((c) => c.startsWith('mc '));
    const mb = mc.filter((c) => c.startsWith('mc mb'));
    expect(mb.every((c) => c.includes('--ignore-existing'))).toBe(true);
    expect(new Set(mb.map((c) => c.split(' ').pop()))).toEqual(
      new Set(['gridata/gridata-raw', 'gridata/gridata-staging', 'gridata/gridata-curated', 'gridata/gridata-archive', 'gridata/gridata-checkpoints']),
    );
    expect(mc.filter((c) => c.startsWith('mc admin policy attach'))).toHaveLength(OBJECT_STORE_USERS.length);
    expect(mc).toContain('mc version enable gridata/gridata-curated');
    // The lifecycle is replaced wholesale on every run (import), so running twice cannot duplicate rules.
    expect(mc.filter((c) => c.startsWith('mc ilm import')).map((c) => c.split(' ')[3])).toEqual(['gridata/gridata-archive', 'gridata/gridata-raw', 'gridata/gridata-archive', 'gridata/gridata-raw']);
    const attached = readdirSync(join(root, 'mc')).filter((f) => f.startsWith('attached-'));
    expect(attached).toHaveLength(OBJECT_STORE_USERS.length);
    const sparkAccess = readFileSync(join(root, 'work/users/spark.access'), 'utf8');
    expect(readFileSync(join(root, `mc/attached-${sparkAccess}`), 'utf8').trim()).toBe('gridata-spark');
    expect(JSON.parse(readFileSync(join(root, 'mc/policy-gridata-spark'), 'utf8')).Statement.length).toBeGreaterThan(3);
  });
});
