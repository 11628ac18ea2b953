// What the Spark pods read from Vault, declared once through the shared declaration API: the
// object-store keys (driver and executors) as an AWS profile file, and the catalog principal's
// OAuth credential (driver only) as a Spark properties file. The injector renders both before
// Spark starts (pre-populate-only: Spark pods must terminate).
//
// The templates use [[ ]] delimiters: the DAGs render each spec with Jinja, which would consume
// consul-template's {{ }}; the only Jinja placeholders left in a spec are {{ ds }} and {{ run_id }}.
import type { Environment } from '../../environments/types';
import {
  OBJECT_STORE_ACCESS_KEY_FIELD,
  OBJECT_STORE_SECRET_KEY_FIELD,
  SPARK_DRIVER_SERVICE_ACCOUNT,
  SPARK_EXECUTOR_SERVICE_ACCOUNT,
  SPARK_JOBS_NAMESPACE,
  icebergPrincipalPath,
  objectStoreUserPath,
} from '../shared/endpoints';
import { kvDataPath, vaultAgentAnnotations, type AgentSecret, type AgentWorkload } from '../shared/vault-secrets';
import { SPARK_CATALOG } from './catalog-conf';

export const VAULT_SECRETS_DIR = '/vault/secrets';
export const S3_CREDENTIALS_SECRET = 's3-credentials';
export const CATALOG_CONF_SECRET = 'catalog-conf';
export const TEMPLATE_DELIMITERS = { left: '[[', right: ']]' } as const;

export type SparkRole = 'driver' | 'executor';

function s3CredentialsSecret(env: Environment): AgentSecret {
  const path = objectStoreUserPath(env, 'spark');
  return {
    name: S3_CREDENTIALS_SECRET,
    path,
    // AWS shared-credentials format: read by SDK v2 (S3FileIO) and SDK v1 (s3a) alike.
    template: [
      `[[- with secret "${kvDataPath(path)}" -]]`,
      '[default]',
      `aws_access_key_id = [[ .Data.data.${OBJECT_STORE_ACCESS_KEY_FIELD} ]]`,
      `aws_secret_access_key = [[ .Data.data.${OBJECT_STORE_SECRET_KEY_FIELD} ]]`,
      '[[- end ]]',
      '',
    ].join('\n'),
  };
}

function catalogConfSecret(env: Environment): AgentSecret {
  const path = icebergPrincipalPath(env, 'spark');
  return {
    name: CATALOG_CONF_SECRET,
    path,
    // Spark properties the job applies to its session before it first touches the catalog.
    template: [
      `[[- with secret "${kvDataPath(path)}" -]]`,
      `spark.sql.catalog.${SPARK_CATALOG}.credential=[[ .Data.data.clientId ]]:[[ .Data.data.clientSecret ]]`,
      '[[- end ]]',
      '',
    ].join('\n'),
  };
}

export function sparkVaultWorkload(env: Environment, role: SparkRole): AgentWorkload {
  return {
    kind: 'agent',
    identity: {
      namespace: SPARK_JOBS_NAMESPACE,
      serviceAccount: role === 'driver' ? SPARK_DRIVER_SERVICE_ACCOUNT : SPARK_EXECUTOR_SERVICE_ACCOUNT,
    },
    terminates: true,
    secrets: role === 'driver' ? [s3CredentialsSecret(env), catalogConfSecret(env)] : [s3CredentialsSecret(env)],
  };
}

/** Injector annotations for a Spark pod: the declaration's, plus delimiters and the agent's sizing. */
export function sparkVaultAnnotations(env: Environment, role: SparkRole): Record<string, string> {
  const workload = sparkVaultWorkload(env, role);
  const agent = env.sizing.vault.agent.resources;
  const annotations: Record<string, string> = {
    ...vaultAgentAnnotations(workload),
    'vault.hashicorp.com/agent-requests-cpu': agent.requests.cpu,
    'vault.hashicorp.com/agent-requests-mem': agent.requests.memory,
    'vault.hashicorp.com/agent-limits-cpu': agent.limits.cpu,
    'vault.hashicorp.com/agent-limits-mem': agent.limits.memory,
  };
  for (const secret of workload.secrets) {
    annotations[`vault.hashicorp.com/agent-template-left-delim-${secret.name}`] = TEMPLATE_DELIMITERS.left;
    annotations[`vault.hashicorp.com/agent-template-right-delim-${secret.name}`] = TEMPLATE_DELIMITERS.right;
  }
  return annotations;
}

/** Environment variables pointing the AWS SDKs and the job at the rendered files. */
export function sparkSecretEnv(env: Environment, role: SparkRole): { name: string; value: string }[] {
  const credentials = `${VAULT_SECRETS_DIR}/${S3_CREDENTIALS_SECRET}`;
  const vars = [
    { name: 'AWS_REGION', value: env.objectStore.region },
    { name: 'AWS_SHARED_CREDENTIALS_FILE', value: credentials },
    { name: 'AWS_CREDENTIAL_PROFILES_FILE', value: credentials },
  ];
  if (role === 'driver') vars.push({ name: 'GRIDATA_SPARK_CONF_FILE', value: `${VAULT_SECRETS_DIR}/${CATALOG_CONF_SECRET}` });
  return vars;
}
