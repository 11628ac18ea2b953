// Writes environments/schema.json. The schema is authored here in TypeScript so its
// repeated shapes (workload sizing, image pins) are defined once; the JSON file is what
// ajv and editors (yaml-language-server) read. `npm run schema` regenerates it and a test
// fails when the committed file is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORKLOADS, STORAGE_KEYS, VERSION_COMPONENTS } from './catalog';

/**
 * Upper bounds of the numbers an environment file sets (decision record 0025): far above any real
 * Gridata cluster, low enough that products of them (quota pods = replicas × nodes × …) stay exact.
 */
export const LIMITS = {
  replicas: 50,
  nodes: 1000,
  zones: 10,
  parallelism: 1024,
  sparkCores: 64,
  executors: 500,
  concurrentApplications: 256,
  revision: 1_000_000,
} as const;

/** A string with no whitespace, quote, backslash or control character: safe inside HCL, properties, shell and Lua strings. */
const PLAIN = "[^\\s\"'`\\\\$;{}<>|&]";

const strict = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://gridata.example.com/schemas/environment.json',
  title: 'Gridata environment',
  definitions: {
    cpu: {
      type: 'string',
      pattern: '^([1-9][0-9]{0,5}m|[0-9]{1,3}(\\.[0-9]{1,3})?)$',
      description: 'Kubernetes CPU quantity such as 250m or "1", above 0 and at most 128 cores',
    },
    bytes: {
      type: 'string',
      pattern: '^[1-9][0-9]{0,9}(Ki|Mi|Gi|Ti)$',
      description: 'Kubernetes binary quantity such as 512Mi, 10Gi or 2Ti',
    },
    sparkMemory: { type: 'string', pattern: '^([1-9][0-9]{0,6}m|[1-9][0-9]{0,3}g)$', description: 'Spark memory such as 512m or 4g' },
    replicas: { type: 'integer', minimum: 1, maximum: LIMITS.replicas },
    sparkCores: { type: 'integer', minimum: 1, maximum: LIMITS.sparkCores },
    awsRegion: {
      type: 'string',
      pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$',
      description: 'an AWS region such as us-east-1 (pasted into Vault\'s HCL)',
    },
    kmsKeyId: {
      type: 'string',
      pattern:
        '^(alias/[A-Za-z0-9/_-]{1,250}|(mrk-)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/[A-Za-z0-9-]+|alias/[A-Za-z0-9/_-]+))$',
      description: 'an AWS KMS key id, alias/<name> or key/alias ARN (pasted into Vault\'s HCL)',
    },
    iamRoleArn: {
      type: 'string',
      pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$',
      description: 'an AWS IAM role ARN arn:aws:iam::<12-digit account>:role/<name> (the Vault server ServiceAccount\'s eks.amazonaws.com/role-arn)',
    },
    cidr: {
      type: 'string',
      pattern: '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$',
      description: 'an IPv4 CIDR such as 10.0.0.0/16 or 140.82.112.3/32',
    },
    externalEndpoint: strict({ cidrs: { type: 'array', minItems: 1, maxItems: 64, items: { $ref: '#/definitions/cidr' } } }),
    resourceList: strict({ cpu: { $ref: '#/definitions/cpu' }, memory: { $ref: '#/definitions/bytes' } }),
    resources: strict({ requests: { $ref: '#/definitions/resourceList' }, limits: { $ref: '#/definitions/resourceList' } }),
    workload: strict({ replicas: { $ref: '#/definitions/replicas' }, resources: { $ref: '#/definitions/resources' } }, ['resources']),
    chartVersion: { type: 'string', pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+$', description: 'exact chart version X.Y.Z' },
    imageTag: {
      type: 'string',
      pattern: '^(v?[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.-]+)?|RELEASE\\.[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z)$',
      description: 'exact version tag (X.Y.Z, vX.Y.Z or a MinIO RELEASE.<timestamp>), never latest or a floating major/minor',
    },
    image: strict(
      {
        repository: { type: 'string', pattern: '^[a-z0-9]([a-z0-9._/-]*[a-z0-9])?$', description: 'image repository without tag' },
        tag: { $ref: '#/definitions/imageTag' },
        digest: { type: 'string', pattern: '^sha256:[a-f0-9]{64}$', description: 'sha256 digest, only when actually known' },
      },
      ['repository', 'tag'],
    ),
    versionEntry: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        chart: { $ref: '#/definitions/chartVersion' },
        prerequisitesChart: { $ref: '#/definitions/chartVersion' },
        images: { type: 'object', minProperties: 1, additionalProperties: { $ref: '#/definitions/image' } },
        revision: {
          type: 'integer',
          minimum: 1,
          maximum: LIMITS.revision,
          description:
            "the component's rollout revision: shared code reads it (charts/shared/revision.ts) so a change lands in dev first and reaches staging and prod by promotion; absent means 0",
        },
      },
    },
    name: { type: 'string', pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$', description: 'a lower-case name such as chat or oncall-email' },
    syncWindow: strict(
      {
        kind: { type: 'string', enum: ['allow', 'deny'] },
        schedule: {
          type: 'string',
          pattern: '^\\S+( \\S+){4}$',
          description: 'a cron schedule of 5 fields such as "0 7 * * 1-4"',
        },
        duration: { type: 'string', pattern: '^[1-9][0-9]*[hm]$', description: 'a duration in hours or minutes such as 9h or 30m' },
        timeZone: { type: 'string', minLength: 1 },
        manualSync: { type: 'boolean' },
        description: { type: 'string', minLength: 1 },
      },
      ['kind', 'schedule', 'duration', 'timeZone', 'manualSync'],
    ),
    alertReceiver: strict(
      {
        name: { $ref: '#/definitions/name' },
        kind: { type: 'string', enum: ['slack', 'webhook', 'email', 'pagerduty'] },
        channel: { type: 'string', pattern: '^#[a-z0-9_-]+$', description: 'a chat channel such as #gridata-alerts' },
        to: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$', description: 'an e-mail address' },
        from: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$', description: 'an e-mail address' },
        smarthost: { type: 'string', pattern: '^[a-z0-9.-]+:[0-9]+$', description: 'an SMTP host:port such as smtp.example.com:587' },
        authUsername: { type: 'string', minLength: 1 },
      },
      ['name', 'kind'],
    ),
  },
  ...strict({
    name: { type: 'string', enum: ['dev', 'staging', 'prod'] },
    argocd: strict({
      destination: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        maxProperties: 1,
        properties: {
          name: { type: 'string', pattern: '^[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$', description: 'an Argo CD cluster name' },
          server: { type: 'string', pattern: `^https://${PLAIN}+$`, description: 'https:// cluster API URL without spaces or quotes' },
        },
      },
      repoURL: { type: 'string', pattern: `^(https://|ssh://|git@)${PLAIN}+$`, description: 'a git URL (https://, ssh:// or git@) without spaces or quotes' },
      targetRevision: {
        type: 'string',
        pattern: '^(?!.*\\.\\.)(?!.*//)[A-Za-z0-9]([A-Za-z0-9._/-]{0,253}[A-Za-z0-9_-])?$',
        description: 'a git branch, tag or commit (letters, digits, . _ - /; no spaces, no "..")',
      },
      syncWindows: { type: 'array', items: { $ref: '#/definitions/syncWindow' } },
    }),
    domain: { type: 'string', pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$' },
    features: strict({
      datahub: { type: 'boolean' },
      monitoring: { type: 'boolean' },
      pgbouncer: { type: 'boolean' },
      postgresBackups: { type: 'boolean' },
    }),
    vault: strict({
      ha: { type: 'boolean' },
      autoUnseal: {
        oneOf: [
          { type: 'null' },
          strict({
            awskms: strict(
              { region: { $ref: '#/definitions/awsRegion' }, kmsKeyId: { $ref: '#/definitions/kmsKeyId' }, serviceAccountRoleArn: { $ref: '#/definitions/iamRoleArn' } },
              ['region', 'kmsKeyId'],
            ),
          }),
          strict({
            transit: strict({
              address: { type: 'string', pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$', description: 'Vault address: http(s)://host[:port]' },
              mountPath: { type: 'string', pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*/?$', description: 'a Vault mount path such as transit/' },
              keyName: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$', description: 'a transit key name (letters, digits, _ and -)' },
            }),
          }),
        ],
      },
    }),
    objectStore: strict({
      region: { type: 'string', pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$', description: 'an S3 region name such as us-east-1 (lowercase letters, digits, -)' },
    }),
    monitoring: strict({
      retention: { type: 'string', pattern: '^[1-9][0-9]*[dhw]$' },
      alerting: strict({
        vaultSecret: { $ref: '#/definitions/name' },
        receivers: { type: 'array', minItems: 1, items: { $ref: '#/definitions/alertReceiver' } },
        routes: strict({
          critical: { type: 'array', minItems: 1, items: { $ref: '#/definitions/name' } },
          warning: { type: 'array', minItems: 1, items: { $ref: '#/definitions/name' } },
          heartbeat: { $ref: '#/definitions/name' },
        }),
      }),
    }),
    cluster: strict({
      kubernetesVersion: {
        type: 'string',
        pattern: '^v1\\.(3[0-9])\\.[0-9]{1,3}$',
        description: "the cluster's Kubernetes version (v1.MINOR.PATCH): charts render for it (helm --kube-version) and validate:local checks against it",
      },
      nodes: { type: 'integer', minimum: 1, maximum: LIMITS.nodes, description: 'worker nodes: every DaemonSet runs one pod per node, and quotas count them so' },
      zones: { type: 'integer', minimum: 1, maximum: LIMITS.zones, description: 'availability zones; with more than one, HA components spread across zones' },
    }),
    network: strict(
      {
        kubeApiServer: strict({
          cidrs: { type: 'array', minItems: 1, maxItems: 64, items: { $ref: '#/definitions/cidr' } },
          port: { type: 'integer', minimum: 1, maximum: 65535, description: 'the port the API server endpoints listen on (443 or 6443)' },
        }),
        nodes: { $ref: '#/definitions/externalEndpoint' },
        gitHost: { $ref: '#/definitions/externalEndpoint' },
        kms: { $ref: '#/definitions/externalEndpoint' },
        sts: { $ref: '#/definitions/externalEndpoint' },
        instanceMetadata: { $ref: '#/definitions/externalEndpoint' },
        backupTarget: { $ref: '#/definitions/externalEndpoint' },
        smtp: { $ref: '#/definitions/externalEndpoint' },
        alertWebhooks: { $ref: '#/definitions/externalEndpoint' },
        ingressController: strict({
          namespace: { type: 'string', pattern: '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$', description: 'the namespace of the ingress controller pods' },
          podLabels: {
            type: 'object',
            minProperties: 1,
            additionalProperties: { type: 'string', pattern: '^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$' },
            propertyNames: { pattern: '^([a-z0-9.-]{1,253}/)?[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$' },
          },
        }),
      },
      ['kubeApiServer', 'nodes', 'gitHost'],
    ),
    airflow: strict({
      parallelism: { type: 'integer', minimum: 1, maximum: LIMITS.parallelism, description: 'Airflow [core] parallelism: task instances each scheduler runs at once' },
    }),
    postgres: strict({
      offClusterBackups: {
        description: 'object store outside the cluster for CloudNativePG base backups and WAL (credentials from Vault), or null',
        oneOf: [
          { type: 'null' },
          strict({
            endpointURL: { type: 'string', pattern: '^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?$', description: 'S3 endpoint, https://host[:port], no path' },
            bucket: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', description: 'S3 bucket name' },
          }),
        ],
      },
    }),
    pipelines: strict({
      spark: strict({
        driver: strict({ cores: { $ref: '#/definitions/sparkCores' }, coreLimit: { $ref: '#/definitions/cpu' }, memory: { $ref: '#/definitions/sparkMemory' } }),
        executor: strict({
          cores: { $ref: '#/definitions/sparkCores' },
          coreLimit: { $ref: '#/definitions/cpu' },
          memory: { $ref: '#/definitions/sparkMemory' },
          instances: { type: 'integer', minimum: 1, maximum: LIMITS.executors },
        }),
        dynamicAllocation: strict({
          minExecutors: { type: 'integer', minimum: 0, maximum: LIMITS.executors },
          maxExecutors: { type: 'integer', minimum: 1, maximum: LIMITS.executors },
        }),
        concurrentApplications: {
          type: 'integer',
          minimum: 1,
          maximum: LIMITS.concurrentApplications,
          description: 'Spark applications running at once: the slots of the Airflow spark_jobs pool; the spark-jobs quota is sized for them',
        },
      }),
    }),
    sizing: strict(
      Object.fromEntries(
        Object.entries(WORKLOADS).map(([component, workloads]) => [
          component,
          strict(Object.fromEntries(workloads.map((w) => [w, { $ref: '#/definitions/workload' }]))),
        ]),
      ),
    ),
    storage: strict(Object.fromEntries(STORAGE_KEYS.map((k) => [k, { $ref: '#/definitions/bytes' }]))),
    versions: strict(Object.fromEntries(VERSION_COMPONENTS.map((c) => [c, { $ref: '#/definitions/versionEntry' }]))),
  }),
};

export function renderSchema(): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(join(__dirname, 'schema.json'), renderSchema());
}
