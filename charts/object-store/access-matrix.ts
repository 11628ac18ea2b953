// Who may do what in the object store: one user per consuming service, each with a policy that
// grants exactly the rows below (issue 4). Everything else is denied by MinIO's default.
import { BUCKETS, POSTGRES_BACKUP_PREFIX, VAULT_SNAPSHOT_PREFIX, type ObjectStoreUser } from '../shared/endpoints';

export type Access = 'read' | 'write' | 'read-write';

export interface Grant {
  readonly bucket: string;
  /** Key prefix the grant is limited to ("" = whole bucket). Ends with "/" when set. */
  readonly prefix: string;
  readonly access: Access;
}

export const ACCESS_MATRIX: Readonly<Record<ObjectStoreUser, readonly Grant[]>> = {
  spark: [
    { bucket: BUCKETS.raw, prefix: '', access: 'read' },
    { bucket: BUCKETS.raw, prefix: 'rejected/', access: 'write' },
    { bucket: BUCKETS.staging, prefix: '', access: 'read-write' },
    { bucket: BUCKETS.curated, prefix: '', access: 'read-write' },
    { bucket: BUCKETS.checkpoints, prefix: '', access: 'read-write' },
  ],
  airflow: [{ bucket: BUCKETS.raw, prefix: '', access: 'read' }],
  datahub: [
    { bucket: BUCKETS.raw, prefix: '', access: 'read' },
    { bucket: BUCKETS.staging, prefix: '', access: 'read' },
    { bucket: BUCKETS.curated, prefix: '', access: 'read' },
  ],
  // Polaris writes table metadata on commit and vends no credentials (MinIO has no usable STS here).
  'iceberg-catalog': [{ bucket: BUCKETS.curated, prefix: 'warehouse/', access: 'read-write' }],
  'postgres-backup': [{ bucket: BUCKETS.archive, prefix: `${POSTGRES_BACKUP_PREFIX}/`, access: 'read-write' }],
  // The Vault raft snapshot CronJob only uploads; restores are a runbook step with an admin alias.
  'vault-snapshot': [{ bucket: BUCKETS.archive, prefix: `${VAULT_SNAPSHOT_PREFIX}/`, access: 'write' }],
};

/** Lifecycle: raw drops are kept a year, archives two (seed functional spec). */
export const LIFECYCLE_EXPIRY_DAYS: Readonly<Partial<Record<string, number>>> = {
  [BUCKETS.raw]: 365,
  [BUCKETS.archive]: 730,
};

export const VERSIONED_BUCKETS: readonly string[] = [BUCKETS.curated];

const READ_OBJECT = ['s3:GetObject'];
const WRITE_OBJECT = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];

/** The IAM policy document MinIO stores for a user. */
export function policyDocument(grants: readonly Grant[]): { Version: string; Statement: object[] } {
  const statements: object[] = [];
  const listable = grants.filter((g) => g.access !== 'write');
  for (const bucket of [...new Set(listable.map((g) => g.bucket))]) {
    const prefixes = listable.filter((g) => g.bucket === bucket).map((g) => g.prefix);
    const whole = prefixes.includes('');
    statements.push({
      Effect: 'Allow',
      Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
      Resource: [`arn:aws:s3:::${bucket}`],
      ...(whole ? {} : { Condition: { StringLike: { 's3:prefix': prefixes.flatMap((p) => [p, `${p}*`]) } } }),
    });
  }
  for (const g of grants) {
    const actions = g.access === 'read' ? READ_OBJECT : g.access === 'write' ? WRITE_OBJECT : [...READ_OBJECT, ...WRITE_OBJECT];
    statements.push({ Effect: 'Allow', Action: actions, Resource: [`arn:aws:s3:::${g.bucket}/${g.prefix}*`] });
  }
  return { Version: '2012-10-17', Statement: statements };
}

export function lifecycleDocument(days: number): object {
  return { Rules: [{ ID: `expire-after-${days}-days`, Status: 'Enabled', Filter: { Prefix: '' }, Expiration: { Days: days } }] };
}

export const policyName = (user: ObjectStoreUser) => `gridata-${user}`;
