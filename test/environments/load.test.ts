// Environment files: the committed ones validate; every kind of bad input is refused with the
// file, the JSON pointer, what was expected and what was found — and dist/ is left untouched.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEnvironment, parseEnvironment } from '../../environments/load';
import { EnvironmentError } from '../../environments/errors';
import { renderSchema } from '../../environments/build-schema';
import { synthCommand } from '../../render/cli';
import { aliasBomb } from '../fixtures/bad-environments';

const ENV_DIR = join(__dirname, '../../environments');
const devText = readFileSync(join(ENV_DIR, 'dev.yaml'), 'utf8');

function refusal(text: string): EnvironmentError {
  try {
    parseEnvironment(text, 'environments/dev.yaml', 'dev');
  } catch (error) {
    if (error instanceof EnvironmentError) return error;
    throw error;
  }
  throw new Error('accepted bad input');
}

function replaceOnce(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(p.slice(dir.length)).update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

describe('environment files', () => {
  it('the committed dev, staging and prod files validate', () => {
    for (const name of ['dev', 'staging', 'prod']) expect(loadEnvironment(name).name).toBe(name);
  });

  it('schema.json is the output of build-schema.ts', () => {
    expect(readFileSync(join(ENV_DIR, 'schema.json'), 'utf8')).toBe(renderSchema());
  });

  it('carry the seed sizing: Airflow schedulers 2/2/3, MinIO 100Gi/500Gi/2Ti, retention 7d/15d/30d', () => {
    const [dev, staging, prod] = ['dev', 'staging', 'prod'].map((n) => loadEnvironment(n));
    expect([dev, staging, prod].map((e) => e!.sizing.airflow.scheduler.replicas)).toEqual([2, 2, 3]);
    expect([dev, staging, prod].map((e) => e!.storage.minio)).toEqual(['100Gi', '500Gi', '2Ti']);
    expect([dev, staging, prod].map((e) => e!.monitoring.retention)).toEqual(['7d', '15d', '30d']);
    expect([dev, staging, prod].map((e) => e!.pipelines.spark.executor.memory)).toEqual(['4g', '8g', '16g']);
  });
});

const BAD_INPUTS: { name: string; text: () => string; pointer: string; expected: string; found: string }[] = [
  {
    name: 'wrong type (replicas: "two")',
    text: () => replaceOnce(devText, 'scheduler: { replicas: 2,', 'scheduler: { replicas: "two",'),
    pointer: '/sizing/airflow/scheduler/replicas',
    expected: 'expected integer',
    found: 'found string "two"',
  },
  {
    name: 'zero replicas',
    text: () => replaceOnce(devText, 'apiServer: { replicas: 2,', 'apiServer: { replicas: 0,'),
    pointer: '/sizing/airflow/apiServer/replicas',
    expected: 'expected a number ≥ 1',
    found: 'found number 0',
  },
  {
    name: 'negative replicas',
    text: () => replaceOnce(devText, 'apiServer: { replicas: 2,', 'apiServer: { replicas: -1,'),
    pointer: '/sizing/airflow/apiServer/replicas',
    expected: 'expected a number ≥ 1',
    found: 'found number -1',
  },
  {
    name: 'unknown key',
    text: () => replaceOnce(devText, 'domain: dev.gridata.example.com', 'domain: dev.gridata.example.com\ndomian: typo.example.com'),
    pointer: '/domian',
    expected: 'expected one of the known keys',
    found: 'found unknown key "domian"',
  },
  {
    name: 'missing required key',
    text: () => replaceOnce(devText, 'domain: dev.gridata.example.com\n', ''),
    pointer: '/domain',
    expected: 'expected required key "domain"',
    found: 'found nothing',
  },
  {
    name: 'malformed quantity (memory: 1.5Gb)',
    text: () => replaceOnce(devText, 'statsd: { replicas: 1, resources: { requests: { cpu: 50m, memory: 64Mi }', 'statsd: { replicas: 1, resources: { requests: { cpu: 50m, memory: 1.5Gb }'),
    pointer: '/sizing/airflow/statsd/resources/requests/memory',
    expected: 'Kubernetes binary quantity',
    found: 'found string "1.5Gb"',
  },
  {
    name: 'image without a tag',
    text: () => replaceOnce(devText, 'airflow: { repository: apache/airflow, tag: 3.3.2 }', 'airflow: { repository: apache/airflow }'),
    pointer: '/versions/airflow/images/airflow/tag',
    expected: 'expected required key "tag"',
    found: 'found nothing',
  },
  {
    name: 'image with the floating tag latest',
    text: () => replaceOnce(devText, 'airflow: { repository: apache/airflow, tag: 3.3.2 }', 'airflow: { repository: apache/airflow, tag: latest }'),
    pointer: '/versions/airflow/images/airflow/tag',
    expected: 'exact version tag',
    found: 'found string "latest"',
  },
  {
    name: 'image with a floating minor tag',
    text: () => replaceOnce(devText, 'airflow: { repository: apache/airflow, tag: 3.3.2 }', 'airflow: { repository: apache/airflow, tag: "3.2" }'),
    pointer: '/versions/airflow/images/airflow/tag',
    expected: 'exact version tag',
    found: 'found string "3.2"',
  },
  {
    name: 'a rollout revision of 0',
    text: () => replaceOnce(devText, '  monitoring:\n    chart: 88.5.3\n', '  monitoring:\n    chart: 88.5.3\n    revision: 0\n'),
    pointer: '/versions/monitoring/revision',
    expected: 'expected a number ≥ 1',
    found: 'found number 0',
  },
  {
    name: 'a rollout revision that is not an integer',
    text: () => replaceOnce(devText, '  monitoring:\n    chart: 88.5.3\n', '  monitoring:\n    chart: 88.5.3\n    revision: "2b"\n'),
    pointer: '/versions/monitoring/revision',
    expected: 'expected integer',
    found: 'found string "2b"',
  },
  {
    name: 'unknown environment name inside the file',
    text: () => replaceOnce(devText, 'name: dev\n', 'name: qa\n'),
    pointer: '/name',
    expected: 'expected one of "dev", "staging", "prod"',
    found: 'found string "qa"',
  },
  {
    name: 'YAML syntax error',
    text: () => replaceOnce(devText, 'domain: dev.gridata.example.com', 'domain: [dev.gridata.example.com'),
    pointer: '/',
    expected: 'expected valid YAML',
    found: 'found a syntax error',
  },
  {
    name: 'empty file',
    text: () => '',
    pointer: '/',
    expected: 'expected a mapping of environment settings',
    found: 'found an empty document',
  },
  {
    name: 'request above its limit',
    text: () => replaceOnce(devText, 'statsd: { replicas: 1, resources: { requests: { cpu: 50m,', 'statsd: { replicas: 1, resources: { requests: { cpu: "2",'),
    pointer: '/sizing/airflow/statsd/resources/requests/cpu',
    expected: 'expected a request ≤ the limit (100m)',
    found: 'found 2',
  },
  {
    name: 'more Spark pool slots than Airflow task slots',
    text: () => replaceOnce(devText, 'concurrentApplications: 2', 'concurrentApplications: 9'),
    pointer: '/pipelines/spark/concurrentApplications',
    expected: 'expected at most /airflow/parallelism × scheduler replicas (8)',
    found: 'found 9',
  },
  {
    name: 'an off-cluster backup store while backups are off',
    text: () => replaceOnce(devText, 'offClusterBackups: null', 'offClusterBackups: { endpointURL: "https://s3.example.com", bucket: pg-backups }'),
    pointer: '/postgres/offClusterBackups',
    expected: 'expected null while /features/postgresBackups is false',
    found: 'found {"endpointURL":"https://s3.example.com","bucket":"pg-backups"}',
  },
  {
    name: 'zero nodes',
    text: () => replaceOnce(devText, 'nodes: 3', 'nodes: 0'),
    pointer: '/cluster/nodes',
    expected: 'expected a number ≥ 1',
    found: 'found number 0',
  },  // Issue #11 bad input: free strings pasted into HCL/properties/shell, numbers and quantities without bounds.
  {
    name: 'a kmsKeyId that closes the HCL string and adds a listener',
    text: () => withAwsKms('us-east-1', 'alias/x"\n}\nlistener "tcp" {\n  address = "0.0.0.0:8300"\n  tls_disable = 1\n}\nseal "awskms" {\n  kms_key_id = "x'),
    pointer: '/vault/autoUnseal',
    expected: 'expected null, {awskms: {region, kmsKeyId, serviceAccountRoleArn?}} or {transit: {address, mountPath, keyName}}',
    found: 'found a mapping',
  },
  {
    name: 'a Vault KMS region with a newline',
    text: () => withAwsKms('us-east-1\nlistener "tcp" {}', 'alias/gridata-dev'),
    pointer: '/vault/autoUnseal',
    expected: 'expected null, {awskms',
    found: 'found a mapping',
  },
  {
    name: 'a transit seal address that runs on into HCL',
    text: () => replaceOnce(devText, 'autoUnseal: null', 'autoUnseal: { transit: { address: "https://vault:8200\\" }\\nui = false\\nx = {\\"", mountPath: transit/, keyName: unseal } }'),
    pointer: '/vault/autoUnseal',
    expected: 'expected null, {awskms',
    found: 'found a mapping',
  },
  {
    name: 'an object-store region with a newline (Java properties, shell env)',
    text: () => replaceOnce(devText, '  region: us-east-1', '  region: "us-east-1\\nfs.s3a.endpoint=http://evil"'),
    pointer: '/objectStore/region',
    expected: 'an S3 region name',
    found: 'found string "us-east-1\\nfs.s3a.endpoint=http://evil"',
  },
  {
    name: 'a whitespace-only targetRevision',
    text: () => replaceOnce(devText, 'targetRevision: main', 'targetRevision: " "'),
    pointer: '/argocd/targetRevision',
    expected: 'a git branch, tag or commit',
    found: 'found string " "',
  },
  {
    name: 'a padded targetRevision',
    text: () => replaceOnce(devText, 'targetRevision: main', 'targetRevision: " main"'),
    pointer: '/argocd/targetRevision',
    expected: 'a git branch, tag or commit',
    found: 'found string " main"',
  },
  {
    name: 'a repoURL with a space and a quote',
    text: () => replaceOnce(devText, 'repoURL: https://github.com/gridata/gridata.git', 'repoURL: "https://github.com/gridata/gridata.git\\" --upload-pack=x"'),
    pointer: '/argocd/repoURL',
    expected: 'a git URL',
    found: 'found string',
  },
  {
    name: 'replicas 1e9',
    text: () => replaceOnce(devText, 'apiServer: { replicas: 2,', 'apiServer: { replicas: 1e9,'),
    pointer: '/sizing/airflow/apiServer/replicas',
    expected: 'expected a number ≤ 50',
    found: 'found number 1e9 (read as 1000000000)',
  },
  {
    name: 'replicas 2^53+1 (shown as written, not rounded)',
    text: () => replaceOnce(devText, 'apiServer: { replicas: 2,', 'apiServer: { replicas: 9007199254740993,'),
    pointer: '/sizing/airflow/apiServer/replicas',
    expected: 'expected a number ≤ 50',
    found: 'found number 9007199254740993 (read as 9007199254740992)',
  },
  {
    name: 'a million nodes',
    text: () => replaceOnce(devText, 'nodes: 3', 'nodes: 1000000'),
    pointer: '/cluster/nodes',
    expected: 'expected a number ≤ 1000',
    found: 'found number 1000000',
  },
  {
    name: 'a billion Spark executors',
    text: () => replaceOnce(devText, 'memory: 4g, instances: 2 }', 'memory: 4g, instances: 1000000000 }'),
    pointer: '/pipelines/spark/executor/instances',
    expected: 'expected a number ≤ 500',
    found: 'found number 1000000000',
  },
  {
    name: 'memory 1e30Ti',
    text: () => replaceOnce(devText, 'scheduler: { replicas: 2, resources: { requests: { cpu: 500m, memory: 1Gi }', 'scheduler: { replicas: 2, resources: { requests: { cpu: 500m, memory: 1e30Ti }'),
    pointer: '/sizing/airflow/scheduler/resources/requests/memory',
    expected: 'Kubernetes binary quantity',
    found: 'found string "1e30Ti"',
  },
  {
    name: 'memory 10^30 Ti written out',
    text: () => replaceOnce(devText, 'scheduler: { replicas: 2, resources: { requests: { cpu: 500m, memory: 1Gi }', `scheduler: { replicas: 2, resources: { requests: { cpu: 500m, memory: 1${'0'.repeat(30)}Ti }`),
    pointer: '/sizing/airflow/scheduler/resources/requests/memory',
    expected: 'Kubernetes binary quantity',
    found: `found string "1${'0'.repeat(30)}Ti"`,
  },
  {
    name: 'a memory limit above 1Ti',
    text: () => replaceOnce(devText, 'scheduler: { replicas: 2, resources: { requests: { cpu: 500m, memory: 1Gi }, limits: { cpu: "1", memory: 2Gi }', 'scheduler: { replicas: 2, resources: { requests: { cpu: 500m, memory: 1Gi }, limits: { cpu: "1", memory: 2048Gi }'),
    pointer: '/sizing/airflow/scheduler/resources/limits/memory',
    expected: 'expected a memory quantity above 0 and at most 1Ti',
    found: 'found "2048Gi"',
  },
  {
    name: 'cpu "0"',
    text: () => replaceOnce(devText, 'scheduler: { replicas: 2, resources: { requests: { cpu: 500m,', 'scheduler: { replicas: 2, resources: { requests: { cpu: "0",'),
    pointer: '/sizing/airflow/scheduler/resources/requests/cpu',
    expected: 'expected a cpu quantity above 0 and at most 128 cores',
    found: 'found "0"',
  },
  {
    name: 'cpu "0.000" as a Spark core limit',
    text: () => replaceOnce(devText, 'coreLimit: 1200m, memory: 4g, instances: 2', 'coreLimit: "0.000", memory: 4g, instances: 2'),
    pointer: '/pipelines/spark/executor/coreLimit',
    expected: 'expected a cpu quantity above 0',
    found: 'found "0.000"',
  },
  {
    name: 'MinIO storage of 1000Ti',
    text: () => replaceOnce(devText, '  minio: 100Gi', '  minio: 1000Ti'),
    pointer: '/storage/minio',
    expected: 'expected a storage quantity above 0 and at most 64Ti',
    found: 'found "1000Ti"',
  },
  {
    name: 'a YAML alias bomb (billion laughs)',
    text: () => devText + aliasBomb(),
    pointer: '/',
    expected: 'expected YAML whose aliases expand at most 100 times',
    found: 'found an alias expansion bomb',
  },
  {
    name: 'a sync window in an unknown time zone',
    text: () =>
      replaceOnce(devText, '  syncWindows: []', '  syncWindows:\n    - { kind: allow, schedule: "0 7 * * 1-4", duration: 9h, timeZone: Mars/Olympus, manualSync: true }'),
    pointer: '/argocd/syncWindows/0/timeZone',
    expected: 'expected an IANA time zone such as UTC or Europe/Berlin',
    found: 'found "Mars/Olympus"',
  },
  {
    name: 'a sync window schedule that is not 5 cron fields',
    text: () => replaceOnce(devText, '  syncWindows: []', '  syncWindows:\n    - { kind: allow, schedule: "07:00", duration: 9h, timeZone: UTC, manualSync: true }'),
    pointer: '/argocd/syncWindows/0/schedule',
    expected: 'expected a cron schedule of 5 fields',
    found: 'found string "07:00"',
  },
  {
    name: 'an alert route to a receiver that is not declared',
    text: () => replaceOnce(devText, '      warning: [chat]', '      warning: [chatops]'),
    pointer: '/monitoring/alerting/routes/warning/0',
    expected: 'expected a receiver of /monitoring/alerting/receivers (chat, heartbeat)',
    found: 'found "chatops"',
  },
  {
    name: 'a chat receiver without its channel',
    text: () => replaceOnce(devText, '{ name: chat, kind: slack, channel: "#gridata-dev-alerts" }', '{ name: chat, kind: slack }'),
    pointer: '/monitoring/alerting/receivers/0/channel',
    expected: 'expected required key "channel" for a slack receiver',
    found: 'found nothing',
  },
  {
    name: 'a webhook receiver with a URL in the file',
    text: () => replaceOnce(devText, '{ name: heartbeat, kind: webhook }', '{ name: heartbeat, kind: webhook, url: "https://hooks.example.com/abc" }'),
    pointer: '/monitoring/alerting/receivers/1/url',
    expected: 'expected one of the known keys (name, kind, channel, to, from, smarthost, authUsername)',
    found: 'found unknown key "url"',
  },
  {
    name: 'a CIDR that is not one (network.gitHost)',
    text: () => replaceOnce(devText, 'gitHost: { cidrs: [140.82.112.0/20,', 'gitHost: { cidrs: [140.82.112.0/33,'),
    pointer: '/network/gitHost/cidrs/0',
    expected: 'an IPv4 CIDR such as 10.0.0.0/16',
    found: '"140.82.112.0/33"',
  },
  {
    name: 'a webhook receiver without network.alertWebhooks',
    text: () => replaceOnce(devText, '  alertWebhooks: { cidrs: [203.0.113.80/32] }\n', ''),
    pointer: '/network/alertWebhooks',
    expected: 'the addresses of the webhook egress of the chat, pager and heartbeat receivers',
    found: 'found nothing',
  },
  {
    name: 'an ACME issuer without network.acmeServer',
    text: () =>
      replaceOnce(
        devText,
        '  issuer: privateCA\n',
        '  issuer:\n    acme: { server: "https://acme.example.com/directory", email: a@gridata.example.com, route53: { region: us-east-1, hostedZoneID: Z123 } }\n',
      ),
    pointer: '/network/acmeServer',
    expected: 'the addresses of the ACME server (ingress.issuer.acme)',
    found: 'found nothing',
  },
  {
    name: 'an ACME server over plain HTTP',
    text: () =>
      replaceOnce(
        devText,
        '  issuer: privateCA\n',
        '  issuer:\n    acme: { server: "http://acme.example.com/directory", email: a@gridata.example.com, route53: { region: us-east-1, hostedZoneID: Z123 } }\n',
      ),
    pointer: '/ingress/issuer',
    expected: 'privateCA (the platform CA cert-manager makes) or {acme: {server, email, route53: {region, hostedZoneID}}}',
    found: 'found a mapping',
  },
  {
    name: 'an SSO group with a comma (a CSV field of the Argo CD policy)',
    text: () => replaceOnce(devText, 'viewers: "gridata:viewers"', 'viewers: "gridata:viewers, role:admin"'),
    pointer: '/sso/groups/viewers',
    expected: 'a group name exactly as the identity provider sends it',
    found: '"gridata:viewers, role:admin"',
  },
  {
    name: 'SSO without network.identityProvider',
    text: () => replaceOnce(devText, '  identityProvider: { cidrs: [10.20.9.40/32] }\n', ''),
    pointer: '/network/identityProvider',
    expected: 'expected required key "identityProvider"',
    found: 'found nothing',
  },
  {
    name: 'KMS auto-unseal without network.kms',
    text: () => replaceOnce(devText, 'autoUnseal: null', 'autoUnseal: { awskms: { region: us-east-1, kmsKeyId: alias/x } }'),
    pointer: '/network/kms',
    expected: 'the addresses of the KMS endpoint (vault.autoUnseal.awskms)',
    found: 'found nothing',
  },
];

/** dev.yaml with an awskms auto-unseal stanza (values JSON-quoted, so newlines and quotes survive YAML). */
function withAwsKms(region: string, kmsKeyId: string): string {
  return replaceOnce(devText, 'autoUnseal: null', `autoUnseal: { awskms: { region: ${JSON.stringify(region)}, kmsKeyId: ${JSON.stringify(kmsKeyId)} } }`);
}

describe('bad environment input', () => {
  for (const bad of BAD_INPUTS) {
    it(`refuses ${bad.name} naming the file, pointer, expectation and finding`, () => {
      const message = refusal(bad.text()).message;
      expect(message).toContain('environments/dev.yaml');
      expect(message).toContain(`: ${bad.pointer}: `);
      expect(message).toContain(bad.expected);
      expect(message).toContain(bad.found);
    });
  }

  it('refuses an unknown environment name', () => {
    expect(() => loadEnvironment('qa')).toThrow(/environments\/qa\.yaml: \/: expected an environment name, one of dev, staging, prod, found "qa"/);
  });

  it('reports the source line of the offending key', () => {
    const text = replaceOnce(devText, 'scheduler: { replicas: 2,', 'scheduler: { replicas: "two",');
    const line = text.split('\n').findIndex((l) => l.includes('"two"')) + 1;
    expect(refusal(text).issues[0]!.line).toBe(line);
  });

  it('the synth command reports the problems of every bad file at once, one line each', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gridata-bad-envs-'));
    const envDir = join(root, 'environments');
    cpSync(ENV_DIR, envDir, { recursive: true });
    writeFileSync(join(envDir, 'staging.yaml'), readFileSync(join(ENV_DIR, 'staging.yaml'), 'utf8') + aliasBomb());
    writeFileSync(join(envDir, 'prod.yaml'), replaceOnce(readFileSync(join(ENV_DIR, 'prod.yaml'), 'utf8'), 'targetRevision: main', 'targetRevision: " "'));
    const errors: string[] = [];
    expect(await synthCommand(['--environments', envDir, '--out', join(root, 'dist')], () => {}, (l) => errors.push(l))).toBe(1);
    const lines = errors.join('\n').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/staging\.yaml: \/: expected YAML whose aliases expand at most 100 times/);
    expect(lines[2]).toMatch(/prod\.yaml:\d+: \/argocd\/targetRevision: expected a git branch, tag or commit/);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  describe('through the synth command', () => {
    let envDir: string;
    let outDir: string;
    let before: string;

    beforeAll(() => {
      const root = mkdtempSync(join(tmpdir(), 'gridata-bad-env-'));
      envDir = join(root, 'environments');
      outDir = join(root, 'dist');
      cpSync(ENV_DIR, envDir, { recursive: true });
      // A previous render stands in for dist/: a successful synth would replace the whole folder.
      mkdirSync(join(outDir, 'dev/apps'), { recursive: true });
      writeFileSync(join(outDir, 'dev/apps/bootstrap.yaml'), '# previous render\n');
      before = treeHash(outDir);
    });

    for (const bad of BAD_INPUTS) {
      it(`exits non-zero on ${bad.name} and leaves dist/ byte-for-byte untouched`, async () => {
        writeFileSync(join(envDir, 'staging.yaml'), bad.text().replace('name: dev\n', 'name: staging\n'));
        const errors: string[] = [];
        expect(await synthCommand(['--environments', envDir, '--out', outDir], () => {}, (l) => errors.push(l))).toBe(1);
        expect(errors.join('\n')).toContain('staging.yaml');
        // A header and one line per problem (file:line: /pointer: expected …, found …), never a stack trace.
        const [header, ...reasons] = errors.join('\n').split('\n');
        expect(header).toBe('refused: invalid environment input, dist/ left untouched');
        expect(reasons.length).toBeGreaterThan(0);
        for (const line of reasons) expect(line).toMatch(/^\S*staging\.yaml(:\d+)?: \/\S*: expected .+, found /);
        expect(treeHash(outDir)).toBe(before);
        cpSync(join(ENV_DIR, 'staging.yaml'), join(envDir, 'staging.yaml'));
      });
    }
  });
});
