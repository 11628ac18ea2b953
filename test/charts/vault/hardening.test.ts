// Issue #11 "Vault hardened" (part): audit device, raft snapshots, the injector webhook limited to the
// namespaces with agent workloads, the auto-unseal runbook and the awskms ServiceAccount identity.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../environments/catalog';
import { parseEnvironment } from '../../../environments/load';
import { EnvironmentError } from '../../../environments/errors';
import { vaultValues } from '../../../charts/vault/values';
import { SNAPSHOT_API_PATH } from '../../../charts/vault/raft-snapshot';
import { ACCESS_MATRIX, policyDocument } from '../../../charts/object-store/access-matrix';
import { componentObjects, environment, renderedEnvironment, chartValues } from '../../fixtures/rendered';

const repo = join(__dirname, '../../..');
const configuration = (env: 'dev' | 'staging' | 'prod') => componentObjects(renderedEnvironment(env), 'vault-config').find((o) => o.kind === 'ConfigMap');
const vaultAppValues = (env: 'dev' | 'staging' | 'prod') => chartValues(renderedEnvironment(env), 'vault', 'vault');

describe.each([...ENVIRONMENTS])('Vault hardening in %s', (env) => {
  it('enables a file audit device to stdout only when missing, with the config Job allowed exactly that', () => {
    const cm = configuration(env);
    const script: string = cm.data['apply.sh'];
    expect(script).toContain(`if ! vault audit list -format=json | grep -q '"stdout/"'; then\n  vault audit enable -path=stdout file file_path=stdout log_raw=false\nfi`);
    // Enabled before the roles, so every later request is audited.
    expect(script.indexOf('vault audit enable')).toBeLessThan(script.indexOf('vault write auth/kubernetes/role/'));
    const policy: string = cm.data['policy-vault-vault-config.hcl'];
    expect(policy).toContain('path "sys/audit" {\n  capabilities = ["read", "sudo"]\n}');
    expect(policy).toContain('path "sys/audit/stdout" {\n  capabilities = ["create", "read", "update", "sudo"]\n}');
  });

  it('snapshots raft daily with its own identity allowed only the snapshot and its upload keys', () => {
    const objects = componentObjects(renderedEnvironment(env), 'vault');
    const cron = objects.find((o) => o.kind === 'CronJob' && o.metadata.name === 'vault-raft-snapshot');
    expect(cron.metadata.namespace).toBe('vault');
    expect(cron.spec).toMatchObject({ concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 3600 });
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe('vault-snapshot');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const sizing = environment(env).sizing.vault.snapshot.resources;
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(c.resources).toMatchObject(sizing);
    }
    const scripts = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'vault-raft-snapshot').data;
    expect(scripts['save.sh']).toContain('role=vault-vault-snapshot');
    expect(scripts['save.sh']).toContain('vault operator raft snapshot save /work/vault.snap');
    expect(scripts['upload.sh']).toContain(`"archive/gridata-archive/vault-snapshots/${env}/vault-$(date -u +%Y%m%dT%H%M%SZ).snap"`);

    const role = JSON.parse(configuration(env).data['configuration.json']).roles.find((r: any) => r.name === 'vault-vault-snapshot');
    expect(role).toMatchObject({ serviceAccount: 'vault-snapshot', namespace: 'vault' });
    expect(role.declared.map((d: any) => `${d.capabilities.join(',')} ${d.path}`).sort()).toEqual([
      `read kv/data/${env}/object-store/users/vault-snapshot`,
      `read ${SNAPSHOT_API_PATH}`,
    ]);
    expect(configuration(env).data['apply.sh']).toContain('vault write auth/kubernetes/role/vault-vault-snapshot bound_service_account_names=vault-snapshot bound_service_account_namespaces=vault');

    // Egress: Vault API and the object store's S3 port; MinIO admits exactly these pods from vault.
    const netpol = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'vault-raft-snapshot-egress');
    expect(cron.spec.jobTemplate.spec.template.metadata.labels).toMatchObject(netpol.spec.podSelector.matchLabels);
    expect(netpol.spec.egress.map((e: any) => e.ports.map((p: any) => p.port)).flat()).toEqual([9000, 8200]);
    const minio = componentObjects(renderedEnvironment(env), 'object-store').find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'minio-server-ingress');
    expect(minio.spec.ingress).toContainEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'vault' } }, podSelector: { matchLabels: netpol.spec.podSelector.matchLabels } }],
      ports: [{ protocol: 'TCP', port: 9000 }],
    });
  });

  it('limits the injector webhook to the namespaces with agent workloads: not argocd, cnpg-system, monitoring or vault', () => {
    const selector = vaultAppValues(env).injector.namespaceSelector;
    expect(Object.keys(selector)).toEqual(['matchLabels']);
    const namespaces = componentObjects(renderedEnvironment(env), 'namespaces').filter((o) => o.kind === 'Namespace');
    const selected = namespaces
      .filter((ns) => Object.entries(selector.matchLabels).every(([k, v]) => ns.metadata.labels?.[k] === v))
      .map((ns) => ns.metadata.name)
      .sort();
    for (const excluded of ['argocd', 'cnpg-system', 'monitoring', 'vault', 'vault-secrets-operator']) expect(selected).not.toContain(excluded);
    // Every pod template that asks for an agent lives in a selected namespace (else it would start without secrets).
    const annotated = new Set<string>();
    const walk = (o: any, ns: string | undefined): void => {
      if (!o || typeof o !== 'object') return;
      const here = o.metadata?.namespace ?? ns;
      if (o['vault.hashicorp.com/agent-inject'] === 'true' && here) annotated.add(here);
      for (const v of Object.values(o)) walk(v, here);
    };
    for (const d of renderedEnvironment(env).docs) if (d.object.kind !== 'Application') walk(d.object, d.object.metadata?.namespace);
    expect(annotated.size).toBeGreaterThan(0);
    for (const ns of annotated) expect(selected, ns).toContain(ns);
    expect(selected).toEqual(expect.arrayContaining(['airflow', 'spark-jobs', 'object-store']));
  });
});

describe('awskms cloud identity of the Vault server', () => {
  const prodText = readFileSync(join(repo, 'environments/prod.yaml'), 'utf8');
  const withArn = (arn: string) => prodText.replace('kmsKeyId: alias/gridata-prod-vault-unseal', `kmsKeyId: alias/gridata-prod-vault-unseal\n      serviceAccountRoleArn: ${JSON.stringify(arn)}`);

  it('annotates the server ServiceAccount with eks.amazonaws.com/role-arn when the environment names a role', () => {
    const arn = 'arn:aws:iam::123456789012:role/gridata-prod-vault-unseal';
    const env = parseEnvironment(withArn(arn), 'environments/prod.yaml', 'prod');
    expect((vaultValues(env) as any).server.serviceAccount.annotations).toEqual({ 'eks.amazonaws.com/role-arn': arn });
    expect((vaultValues(environment('prod')) as any).server.serviceAccount.annotations).toEqual({});
  });

  it('refuses a role ARN that is not an IAM role ARN, in one line naming the file and pointer', () => {
    let error: unknown;
    try {
      parseEnvironment(withArn('arn:aws:iam::123:role/x"\nseal'), 'environments/prod.yaml', 'prod');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvironmentError);
    const message = (error as Error).message;
    expect(message).toContain('environments/prod.yaml');
    expect(message).toContain('/vault/autoUnseal');
    expect(message).toContain('serviceAccountRoleArn?');
  });
});

describe('snapshot upload user', () => {
  it('may only put objects below vault-snapshots/ in the archive bucket', () => {
    expect(ACCESS_MATRIX['vault-snapshot']).toEqual([{ bucket: 'gridata-archive', prefix: 'vault-snapshots/', access: 'write' }]);
    const doc = policyDocument(ACCESS_MATRIX['vault-snapshot']);
    expect(doc.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: ['arn:aws:s3:::gridata-archive/vault-snapshots/*'] },
    ]);
  });
});

describe('Vault runbook', () => {
  const runbook = readFileSync(join(repo, 'charts/vault/README.md'), 'utf8');
  it('initialises auto-unsealed Vault with recovery shares, and key shares only for the Shamir seal of dev', () => {
    expect(runbook).toContain('vault operator init -recovery-shares=5 -recovery-threshold=3');
    const keyShareLines = runbook.split('\n').filter((l) => l.includes('operator init -key-shares'));
    expect(keyShareLines).toHaveLength(1);
    const before = runbook.slice(0, runbook.indexOf(keyShareLines[0]!)).split('\n').slice(-2).join('\n');
    expect(before).toContain('dev (Shamir seal');
  });
});
