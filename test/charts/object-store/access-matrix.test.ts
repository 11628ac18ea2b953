import { describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, policyDocument } from '../../../charts/object-store/access-matrix';

/** Which actions the policy allows on an object key or a bucket (prefix conditions honoured). */
function allows(user: keyof typeof ACCESS_MATRIX, action: string, resource: string, prefix?: string): boolean {
  return policyDocument(ACCESS_MATRIX[user]).Statement.some((s: any) => {
    if (!s.Action.includes(action)) return false;
    const resourceOk = s.Resource.some((r: string) => {
      const arn = `arn:aws:s3:::${resource}`;
      return r.endsWith('*') ? arn.startsWith(r.slice(0, -1)) : arn === r;
    });
    if (!resourceOk) return false;
    const like: string[] | undefined = s.Condition?.StringLike?.['s3:prefix'];
    return !like || (prefix !== undefined && like.some((p) => (p.endsWith('*') ? prefix.startsWith(p.slice(0, -1)) : prefix === p)));
  });
}

describe('object store access matrix', () => {
  it('lets Spark read raw, write only rejected/ in raw, and read-write staging, curated and checkpoints', () => {
    expect(allows('spark', 's3:GetObject', 'gridata-raw/orders/2026-01-01/a.json')).toBe(true);
    expect(allows('spark', 's3:PutObject', 'gridata-raw/orders/2026-01-01/a.json')).toBe(false);
    expect(allows('spark', 's3:PutObject', 'gridata-raw/rejected/orders/a.json')).toBe(true);
    for (const bucket of ['gridata-staging', 'gridata-curated', 'gridata-checkpoints']) {
      expect(allows('spark', 's3:PutObject', `${bucket}/x`)).toBe(true);
      expect(allows('spark', 's3:GetObject', `${bucket}/x`)).toBe(true);
      expect(allows('spark', 's3:ListBucket', bucket, '')).toBe(true);
    }
    expect(allows('spark', 's3:GetObject', 'gridata-archive/x')).toBe(false);
  });

  it('lets Airflow only read and list raw', () => {
    expect(allows('airflow', 's3:GetObject', 'gridata-raw/a')).toBe(true);
    expect(allows('airflow', 's3:ListBucket', 'gridata-raw', 'raw/ecommerce/')).toBe(true);
    expect(allows('airflow', 's3:PutObject', 'gridata-raw/a')).toBe(false);
    expect(allows('airflow', 's3:GetObject', 'gridata-curated/a')).toBe(false);
  });

  it('keeps DataHub read-only', () => {
    expect(allows('datahub', 's3:GetObject', 'gridata-curated/warehouse/t/metadata.json')).toBe(true);
    for (const bucket of ['gridata-raw', 'gridata-staging', 'gridata-curated', 'gridata-archive', 'gridata-checkpoints']) {
      expect(allows('datahub', 's3:PutObject', `${bucket}/a`)).toBe(false);
      expect(allows('datahub', 's3:DeleteObject', `${bucket}/a`)).toBe(false);
    }
  });

  it('limits the catalog to the warehouse prefix and backups to archive/postgres', () => {
    expect(allows('iceberg-catalog', 's3:PutObject', 'gridata-curated/warehouse/ns/t/metadata/v1.json')).toBe(true);
    expect(allows('iceberg-catalog', 's3:PutObject', 'gridata-curated/other/a')).toBe(false);
    expect(allows('iceberg-catalog', 's3:ListBucket', 'gridata-curated', 'warehouse/ns/')).toBe(true);
    expect(allows('iceberg-catalog', 's3:ListBucket', 'gridata-curated', 'other/')).toBe(false);
    expect(allows('postgres-backup', 's3:PutObject', 'gridata-archive/postgres/airflow-db/base/1')).toBe(true);
    expect(allows('postgres-backup', 's3:GetObject', 'gridata-raw/a')).toBe(false);
  });
});
