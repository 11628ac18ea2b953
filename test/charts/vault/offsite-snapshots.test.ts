// Issue #11 item 3 (decision 0042): where the environment names an off-cluster store (prod), the raft
// snapshot job copies the same snapshot there over HTTPS with keys of its own from Vault; dev and
// staging (postgres.offClusterBackups: null) upload to the in-cluster archive bucket only.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, type EnvName } from '../../../environments/catalog';
import type { Environment } from '../../../environments/types';
import { vaultFlows } from '../../../charts/vault/flows';
import { offsiteSnapshotTarget, snapshotAccess, snapshotScripts } from '../../../charts/vault/raft-snapshot';
import { VaultAcl } from '../../../policies/vault-acl/evaluator';
import { proveLeastPrivilege, usesOf } from '../../../policies/vault-acl/proof';
import { blocked, proveFlows } from '../../../tools/flows/proof';
import { collectFlows } from '../../../render/pipeline';
import { COMPONENTS } from '../../../charts';
import { componentObjects, environment, policyView, renderedEnvironment } from '../../fixtures/rendered';

const ROLE = 'vault-vault-snapshot';
const scriptsOf = (env: EnvName) => componentObjects(renderedEnvironment(env), 'vault').find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'vault-raft-snapshot').data;
const mcCopies = (script: string) => script.split('\n').filter((l) => l.startsWith('mc cp '));
const isBackupTargetFlow = (f: { from: any; to: any }) => 'external' in f.to && f.to.external === 'backup-target';
const snapshotFlowsToBackupTarget = (env: Environment) => vaultFlows(env).filter(isBackupTargetFlow);
const configuration = (env: EnvName) => componentObjects(renderedEnvironment(env), 'vault-config').find((o) => o.kind === 'ConfigMap');

describe('off-cluster raft snapshots in prod', () => {
  it('upload the same snapshot twice: the archive bucket, then the off-cluster bucket over HTTPS', () => {
    const scripts = scriptsOf('prod');
    expect(mcCopies(scripts['upload.sh'])).toEqual([
      'mc cp /work/vault.snap "archive/gridata-archive/vault-snapshots/prod/$NAME"',
      'mc cp /work/vault.snap "offsite/gridata-prod-postgres-backups/vault-snapshots/prod/$NAME"',
    ]);
    expect(scripts['upload.sh']).toContain(
      'mc alias set offsite https://s3.us-west-2.amazonaws.com "$(cat /work/offsite-access-key)" "$(cat /work/offsite-secret-key)" --api S3v4 > /dev/null',
    );
    // One name for both copies, fixed before either upload.
    expect(scripts['upload.sh'].indexOf('NAME="vault-$(date -u +%Y%m%dT%H%M%SZ).snap"')).toBeLessThan(scripts['upload.sh'].indexOf('mc cp'));
    expect(scripts['save.sh']).toContain('vault kv get -mount=kv -field=access-key-id prod/vault/offsite-snapshot > /work/offsite-access-key\n');
    expect(scripts['save.sh']).toContain('vault kv get -mount=kv -field=secret-access-key prod/vault/offsite-snapshot > /work/offsite-secret-key\n');
  });

  it('reuse the environment file\'s off-cluster store, with a Vault path of their own', () => {
    expect(offsiteSnapshotTarget(environment('prod'))).toEqual({
      endpointURL: 'https://s3.us-west-2.amazonaws.com',
      destination: 'gridata-prod-postgres-backups/vault-snapshots/prod',
      keysPath: 'prod/vault/offsite-snapshot',
    });
  });

  it('read exactly their own off-cluster keys: not the Postgres ones', () => {
    expect(snapshotAccess(environment('prod')).paths).toEqual([
      { path: 'prod/object-store/users/vault-snapshot', capabilities: ['read'] },
      { path: 'prod/vault/offsite-snapshot', capabilities: ['read'] },
    ]);
    const uses = usesOf(policyView('prod')).filter((u) => u.role === ROLE).map((u) => `${u.capability} ${u.path}`).sort();
    expect(uses).toEqual(['read kv/data/prod/object-store/users/vault-snapshot', 'read kv/data/prod/vault/offsite-snapshot', 'read sys/storage/raft/snapshot']);
    const acl = VaultAcl.fromHcl([{ name: ROLE, hcl: configuration('prod').data[`policy-${ROLE}.hcl`] }]);
    expect(acl.allows('kv/data/prod/vault/offsite-snapshot', 'read')).toBe(true);
    expect(acl.allows('kv/data/prod/vault/offsite-snapshot', 'update')).toBe(false);
    expect(acl.allows('kv/data/prod/postgres/offsite-backup', 'read')).toBe(false);
    expect(acl.allows('kv/data/prod/vault/other', 'read')).toBe(false);
    expect(proveLeastPrivilege(policyView('prod')).failures).toEqual([]);
  });

  it('declare one flow to network.backupTarget on 443, allowed by the generated egress policy', () => {
    const env = environment('prod');
    const flows = snapshotFlowsToBackupTarget(env);
    expect(flows.map((f) => ({ from: (f.from as any).name, cidrs: (f.to as any).cidrs, port: f.port, protocol: f.protocol }))).toEqual([
      { from: 'vault-raft-snapshot', cidrs: ['52.92.128.0/17', '52.218.128.0/17', '3.5.76.0/22'], port: 443, protocol: 'TCP' },
    ]);
    const proof = proveFlows(policyView('prod'), env, collectFlows(env, COMPONENTS));
    const mine = proof.results.filter((r) => r.owner === 'vault' && isBackupTargetFlow(r.flow));
    expect(mine).toHaveLength(1);
    expect(blocked(proof)).toEqual([]);
    expect(proof.undeclared).toEqual([]);
  });

  it('require network.backupTarget for the flow (fails loudly without it)', () => {
    const env = environment('prod');
    const without = { ...env, network: { ...env.network, backupTarget: undefined } } as Environment;
    expect(() => vaultFlows(without)).toThrow('prod: network.backupTarget is required with postgres.offClusterBackups');
  });
});

describe.each(ENVIRONMENTS.filter((e) => e !== 'prod'))('raft snapshots in %s (no off-cluster store)', (name) => {
  it('upload once, to the archive bucket, with no off-cluster keys, grant or flow', () => {
    const env = environment(name);
    expect(env.postgres.offClusterBackups).toBeNull();
    expect(offsiteSnapshotTarget(env)).toBeNull();
    const scripts = scriptsOf(name);
    expect(mcCopies(scripts['upload.sh'])).toEqual([`mc cp /work/vault.snap "archive/gridata-archive/vault-snapshots/${name}/$NAME"`]);
    expect(scripts['upload.sh']).not.toContain('offsite');
    expect(scripts['save.sh']).not.toContain('offsite');
    expect(snapshotAccess(env).paths).toEqual([{ path: `${name}/object-store/users/vault-snapshot`, capabilities: ['read'] }]);
    expect(usesOf(policyView(name)).filter((u) => u.role === ROLE && u.path.includes('offsite'))).toEqual([]);
    expect(snapshotFlowsToBackupTarget(env)).toEqual([]);
  });

  it('would copy off-cluster too once the environment names a store (the field, not the environment name, decides)', () => {
    const base = environment(name);
    const withStore = { ...base, postgres: { offClusterBackups: { endpointURL: 'https://s3.example.com', bucket: 'offsite-bucket' } } } as Environment;
    expect(mcCopies(snapshotScripts(withStore)['upload.sh'])).toEqual([
      `mc cp /work/vault.snap "archive/gridata-archive/vault-snapshots/${name}/$NAME"`,
      `mc cp /work/vault.snap "offsite/offsite-bucket/vault-snapshots/${name}/$NAME"`,
    ]);
  });
});
