// The ingestion recipes (seed-functional-spec §7), rebuilt on today's platform: the Iceberg REST
// catalog and the raw and curated buckets, each sinking into GMS with the ingestion token and
// applying the seed's transformers (owners, domain, environment tag, PII / financial /
// customer-data field tags). Secrets are ${NAME} references only, expanded by `datahub ingest`
// from the environment the Vault agent's files set. tools/datahub validates every rendered recipe
// against the ingestion library's own config models.
import type { Environment } from '../../environments/types';
import {
  BUCKETS,
  ICEBERG_CATALOG_NAME,
  ICEBERG_OAUTH2_SCOPE,
  ICEBERG_OAUTH2_URI,
  ICEBERG_REST_URI,
  S3_ENDPOINT,
  s3Region,
} from '../shared/endpoints';
import { GMS_URL } from './constants';
import { RECIPE_ENV } from './vault-consumers';

export type RecipeId = 'iceberg' | 'raw' | 'curated';

export interface RecipeDefinition {
  readonly id: RecipeId;
  /** CronJob schedule (UTC): staggered so one ingestion pod runs at a time (the namespace quota has room for one). */
  readonly schedule: string;
  readonly description: string;
}

export const RECIPES: readonly RecipeDefinition[] = [
  { id: 'iceberg', schedule: '15 3 * * *', description: 'Iceberg tables of the gridata catalog (schemas, properties, profiles)' },
  { id: 'raw', schedule: '45 3 * * *', description: 'Raw landing files in the raw bucket (JSON Lines per dataset and day)' },
  { id: 'curated', schedule: '15 4 * * *', description: 'Parquet data files of the curated bucket (the Iceberg warehouse as stored)' },
];

/** DataHub's fabric type per environment (datasets of dev and prod never collide). */
export const FABRIC: Readonly<Record<Environment['name'], string>> = { dev: 'DEV', staging: 'STG', prod: 'PROD' };
const ENVIRONMENT_TAG: Readonly<Record<Environment['name'], string>> = { dev: 'Development', staging: 'Staging', prod: 'Production' };

export const OWNERS = {
  iceberg: 'urn:li:corpuser:data-engineering',
  objectStore: 'urn:li:corpuser:data-platform',
} as const;
export const DOMAIN = 'urn:li:domain:ecommerce';
export const TAGS = { pii: 'urn:li:tag:PII', financial: 'urn:li:tag:Financial', customerData: 'urn:li:tag:CustomerData' } as const;

/**
 * Column tags by field-path pattern (matched from the start of DataHub's field path, which ends in
 * the column name). Every matching rule applies, so a column can be both PII and customer data.
 * Columns: orders (customer_id, subtotal, tax, shipping_cost, discount, order_total, items.unit_price,
 * shipping_address.*), customers (email, first_name, last_name, phone, date_of_birth), products
 * (price, cost), customer_360 (total_revenue, avg_order_value, clv).
 */
export const FIELD_TAG_RULES: Readonly<Record<string, readonly string[]>> = {
  '.*(email|first_name|last_name|phone|date_of_birth|address|street|postal_code).*': [TAGS.pii],
  '.*customer_id.*': [TAGS.customerData],
  '.*(amount|price|revenue|subtotal|tax|shipping_cost|discount|order_total|order_value|cost|clv).*': [TAGS.financial],
};

const ref = (name: string) => `\${${name}}`;

function sink(): Record<string, unknown> {
  return { type: 'datahub-rest', config: { server: GMS_URL, token: ref(RECIPE_ENV.gmsToken), timeout_sec: 30 } };
}

function transformers(env: Environment, owner: string, extraTags: readonly string[]): Record<string, unknown>[] {
  return [
    { type: 'simple_add_ownership', config: { owner_urns: [owner], ownership_type: 'TECHNICAL_OWNER' } },
    { type: 'simple_add_domain', config: { domains: [DOMAIN] } },
    { type: 'simple_add_dataset_tags', config: { tag_urns: [`urn:li:tag:${ENVIRONMENT_TAG[env.name]}`, ...extraTags] } },
    {
      type: 'pattern_add_dataset_schema_tags',
      config: { tag_pattern: { rules: Object.fromEntries(Object.entries(FIELD_TAG_RULES).map(([k, v]) => [k, [...v]])), first_match_only: false } },
    },
  ];
}

function icebergSource(env: Environment): Record<string, unknown> {
  return {
    type: 'iceberg',
    config: {
      env: FABRIC[env.name],
      catalog: {
        [ICEBERG_CATALOG_NAME]: {
          type: 'rest',
          uri: ICEBERG_REST_URI,
          warehouse: ICEBERG_CATALOG_NAME,
          credential: `${ref(RECIPE_ENV.catalogClientId)}:${ref(RECIPE_ENV.catalogClientSecret)}`,
          'oauth2-server-uri': ICEBERG_OAUTH2_URI,
          scope: ICEBERG_OAUTH2_SCOPE,
          // The catalog vends no credentials: table files are read with DataHub's own read-only keys.
          's3.endpoint': S3_ENDPOINT,
          's3.access-key-id': ref(RECIPE_ENV.s3AccessKey),
          's3.secret-access-key': ref(RECIPE_ENV.s3SecretKey),
          's3.region': s3Region(env),
          's3.force-virtual-addressing': 'false',
        },
      },
      namespace_pattern: { allow: ['^ecommerce$', '^analytics$'] },
      table_pattern: { allow: ['ecommerce\\..*', 'analytics\\..*'], deny: ['.*\\.temp_.*', '.*\\.staging_.*'] },
      profiling: {
        enabled: true,
        include_field_null_count: true,
        include_field_min_value: true,
        include_field_max_value: true,
      },
      stateful_ingestion: { enabled: true, remove_stale_metadata: true },
    },
  };
}

function s3Source(env: Environment, pathSpecs: Record<string, unknown>[]): Record<string, unknown> {
  return {
    type: 's3',
    config: {
      env: FABRIC[env.name],
      platform: 's3',
      path_specs: pathSpecs,
      aws_config: {
        aws_access_key_id: ref(RECIPE_ENV.s3AccessKey),
        aws_secret_access_key: ref(RECIPE_ENV.s3SecretKey),
        aws_region: s3Region(env),
        aws_endpoint_url: S3_ENDPOINT,
      },
      // Schemas are inferred from a sample of each table's files; profiles stay off (no Spark here).
      profiling: { enabled: false },
      stateful_ingestion: { enabled: true, remove_stale_metadata: true },
    },
  };
}

const PATH_SPECS: Readonly<Record<'raw' | 'curated', Record<string, unknown>[]>> = {
  // raw/ecommerce/<dataset>/<ds>/part-NNNNN.jsonl: one table per dataset, one partition per day.
  raw: [{ include: `s3://${BUCKETS.raw}/raw/ecommerce/{table}/{partition[0]}/*.jsonl`, default_extension: 'json', sample_files: true }],
  // warehouse/<namespace>/<table>/data/<partition dirs>/*.parquet (Iceberg's layout; partition depth varies
  // per table, hence **); metadata/ holds no Parquet files.
  curated: [{ include: `s3://${BUCKETS.curated}/warehouse/*/{table}/data/**/*.parquet`, allow_double_stars: true, sample_files: true }],
};

export function recipe(env: Environment, id: RecipeId): Record<string, unknown> {
  const source = id === 'iceberg' ? icebergSource(env) : s3Source(env, PATH_SPECS[id]);
  const owner = id === 'iceberg' ? OWNERS.iceberg : OWNERS.objectStore;
  const extraTags = id === 'iceberg' ? ['urn:li:tag:Iceberg'] : ['urn:li:tag:ObjectStorage'];
  return {
    // Stateful ingestion keys its state by pipeline name: one per recipe and environment.
    pipeline_name: `gridata-${env.name}-${id}`,
    source,
    transformers: transformers(env, owner, extraTags),
    sink: sink(),
  };
}
