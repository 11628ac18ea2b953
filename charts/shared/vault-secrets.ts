// Vault secret declarations: the ONE way a workload says which Vault secrets it needs.
//
// Everything Vault-related is derived from these declarations: the Vault policies and
// Kubernetes-auth roles (charts/vault-config), the injector annotations on pods, the Vault
// Secrets Operator objects, and what the Vault consistency rule (policies/rules/vault) expects.
//
// ── How to use it ──────────────────────────────────────────────────────────────────────────
// 1. Write a function of the environment that returns your declarations, and name it in your
//    component's definition (charts/<id>/index.ts) as `vaultConsumers`:
//
//      import { vaultPath, type AgentWorkload } from '../shared/vault-secrets';
//
//      export const airflowWorkerSecrets = (env: Environment): AgentWorkload => ({
//        kind: 'agent',
//        identity: { namespace: 'airflow', serviceAccount: 'airflow-worker' },
//        terminates: true,               // Job, CronJob, Spark driver/executor, Airflow task pod
//        secrets: [
//          { name: 'minio', path: vaultPath(env, 'object-store', 'users/airflow'),
//            template: '{{ with secret "kv/data/…" }}…{{ end }}' },   // omit → default rendering
//        ],
//      });
//      export const airflowComponent: ComponentDefinition = { …, vaultConsumers: (env) => [airflowWorkerSecrets(env)] };
//
//    The render pipeline collects the consumers of the components enabled in an environment
//    (never of a disabled one) and hands them to every component as `ctx.vaultConsumers`:
//    vault-config derives roles and policies from them, VSO its objects, Vault its NetworkPolicy.
//
// 2. Put the annotations on the pod template (our manifests) or into chart values, and add the
//    projected token volume the agent logs in with (roles require audience VAULT_AUDIENCE, which
//    the default ServiceAccount token does not carry):
//      template.metadata.annotations = vaultAgentAnnotations(airflowWorkerSecrets(env));
//      template.spec.volumes        = [vaultTokenVolume(), ...];
//      values.workers.kubernetes.podAnnotations = helmTplLiterals(vaultAgentAnnotations(...));  // the chart `tpl`s them (helm-tpl.ts)
//      values.workers.kubernetes.extraVolumes = [vaultTokenVolume()];
//    Files appear in the pod at /vault/secrets/<name>.
//
// 3. A Kubernetes Secret that an upstream chart references by name (Airflow fernet key, Argo CD
//    repository credential…) is a `synced` consumer; the vault-secrets-operator component renders a
//    VaultStaticSecret for it (plus the namespace's VaultAuth and ServiceAccount):
//      { kind: 'synced', namespace: 'airflow', secretName: 'airflow-fernet',
//        path: vaultPath(env, 'airflow', 'fernet'), rolloutRestartTargets: [{ kind: 'Deployment', name: 'airflow-scheduler' }] }
//
// 4. A process that talks to Vault itself with its ServiceAccount token (Airflow's VaultBackend,
//    a provisioning Job writing generated keys) is a `client` consumer; list the paths and the
//    capabilities it needs, e.g. { path: vaultPath(env, 'airflow', 'connections/*'), capabilities: ['read', 'list'] }.
//    Clients log in with `vaultRoleName(identity)` at `auth/kubernetes` with audience VAULT_AUDIENCE.
//
// One Vault role and one policy exist per identity (ServiceAccount + namespace), bound to exactly
// that pair. Paths are always `<env>/<service>/<name>` inside the KV v2 mount VAULT_KV_MOUNT.
// Secret VALUES are never in git: they are written into Vault by people (runbook) or by Jobs.
import type { Volume } from 'cdk8s-plus-28/lib/imports/k8s';
import type { Environment } from '../../environments/types';

export const VAULT_NAMESPACE = 'vault';
/** Vault's Service; TLS on every listener (charts/shared/vault-tls.ts for the CA its clients trust). */
export const VAULT_SERVICE_ADDRESS = 'https://vault.vault.svc:8200';
export const VAULT_KV_MOUNT = 'kv';
export const VAULT_KUBERNETES_AUTH_MOUNT = 'kubernetes';
/** Audience every role requires and every client requests for its ServiceAccount token. */
export const VAULT_AUDIENCE = 'vault';
export const VAULT_TOKEN_TTL = '1h';
export const VAULT_TOKEN_MAX_TTL = '4h';
/** The ServiceAccount Vault Secrets Operator impersonates in every namespace it syncs into. */
export const VSO_AUTH_SERVICE_ACCOUNT = 'vault-secrets-operator-auth';
/**
 * Namespace label selecting the namespaces the agent injector's webhook sees (chart value
 * injector.namespaceSelector): set by the namespaces component on exactly the namespaces with agent consumers.
 */
export const VAULT_AGENT_INJECTION_LABEL = 'gridata.io/vault-agent-injection';
/** Name of the VaultAuth object in every namespace that has synced secrets. */
export const VSO_AUTH_NAME = 'vault';

export interface VaultIdentity {
  readonly namespace: string;
  readonly serviceAccount: string;
}

export interface AgentSecret {
  /** File name under /vault/secrets/ and the suffix of the injector annotations: [a-z0-9-]+. */
  readonly name: string;
  /** Path inside the KV mount, from vaultPath(). */
  readonly path: string;
  /** Consul-template body; omitted → the injector's default rendering (the whole map). */
  readonly template?: string;
}

/** A pod that gets its secrets from the Vault agent injector. */
export interface AgentWorkload {
  readonly kind: 'agent';
  readonly identity: VaultIdentity;
  /** Pods that must finish (Jobs, CronJobs, Spark driver/executor, Airflow task pods): init container only. */
  readonly terminates: boolean;
  readonly secrets: readonly AgentSecret[];
}

/** A Kubernetes Secret kept in sync from Vault by the Vault Secrets Operator. */
export interface SyncedSecret {
  readonly kind: 'synced';
  readonly namespace: string;
  readonly secretName: string;
  readonly path: string;
  /** Workloads restarted when the secret changes. */
  readonly rolloutRestartTargets?: readonly { readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet'; readonly name: string }[];
  /** Kubernetes Secret type, e.g. kubernetes.io/basic-auth (CloudNativePG credentials); Opaque by default. */
  readonly secretType?: string;
  /** Labels on the Secret, e.g. argocd.argoproj.io/secret-type: repository. */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Keys computed from the Vault data with VSO transformation templates (Go templates over
   * `.Secrets`), e.g. { connection: 'postgresql://{{ get .Secrets "username" }}:…' }. When set, only
   * these keys land in the Secret.
   */
  readonly templates?: Readonly<Record<string, string>>;
}

export type VaultCapability = 'read' | 'list' | 'create' | 'update';

/** A process that uses the Vault API directly with its ServiceAccount token. */
export interface VaultClient {
  readonly kind: 'client';
  readonly identity: VaultIdentity;
  /** Why the workload talks to Vault directly (recorded in the reviewable configuration). */
  readonly purpose: string;
  readonly paths: readonly { readonly path: string; readonly capabilities: readonly VaultCapability[] }[];
  /**
   * Vault API paths outside the KV mount, used as written (e.g. `sys/storage/raft/snapshot` with
   * ['read'] for a snapshot taker). Kept apart from `paths` so a KV path can never be mistaken for one.
   */
  readonly apiPaths?: readonly { readonly path: string; readonly capabilities: readonly VaultCapability[] }[];
}

export type VaultConsumer = AgentWorkload | SyncedSecret | VaultClient;

const SECRET_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const PATH_SEGMENT = /^[a-z0-9][a-z0-9._-]*$/;

/** `<env>/<service>/<name...>`: the only path layout, so policies stay per environment and service. */
export function vaultPath(env: Pick<Environment, 'name'>, service: string, name: string): string {
  const segments = [service, ...name.split('/')];
  for (const s of segments) {
    if (s !== '*' && !PATH_SEGMENT.test(s)) throw new Error(`vault path segment "${s}" of ${service}/${name}: expected [a-z0-9._-]`);
  }
  return [env.name, ...segments].join('/');
}

/** The KV v2 API path of a secret, as policies and the injector name it. */
export function kvDataPath(path: string): string {
  return `${VAULT_KV_MOUNT}/data/${path}`;
}

export function kvMetadataPath(path: string): string {
  return `${VAULT_KV_MOUNT}/metadata/${path}`;
}

/** One role (and one policy of the same name) per ServiceAccount and namespace. */
export function vaultRoleName(identity: VaultIdentity): string {
  return `${identity.namespace}-${identity.serviceAccount}`;
}

export function identityOf(consumer: VaultConsumer): VaultIdentity {
  return consumer.kind === 'synced' ? { namespace: consumer.namespace, serviceAccount: VSO_AUTH_SERVICE_ACCOUNT } : consumer.identity;
}

/** Projected volume holding a short-lived ServiceAccount token for audience VAULT_AUDIENCE. */
export const VAULT_TOKEN_VOLUME = 'vault-token';
export const VAULT_TOKEN_FILE = 'token';
export function vaultTokenVolume(): Volume {
  return {
    name: VAULT_TOKEN_VOLUME,
    projected: { sources: [{ serviceAccountToken: { audience: VAULT_AUDIENCE, expirationSeconds: 600, path: VAULT_TOKEN_FILE } }] },
  };
}

/** Injector annotations for a pod template (our manifests or an upstream chart's podAnnotations). */
export function vaultAgentAnnotations(workload: AgentWorkload): Record<string, string> {
  if (workload.secrets.length === 0) throw new Error(`${vaultRoleName(workload.identity)}: an agent workload needs at least one secret`);
  const annotations: Record<string, string> = {
    'vault.hashicorp.com/agent-inject': 'true',
    'vault.hashicorp.com/role': vaultRoleName(workload.identity),
    'vault.hashicorp.com/auth-path': `auth/${VAULT_KUBERNETES_AUTH_MOUNT}`,
    // Log in with the audience-bound token of vaultTokenVolume(), never the API server token.
    'vault.hashicorp.com/agent-service-account-token-volume-name': VAULT_TOKEN_VOLUME,
    // Secrets must be there before the application starts, also when it has init containers.
    'vault.hashicorp.com/agent-init-first': 'true',
  };
  if (workload.terminates) annotations['vault.hashicorp.com/agent-pre-populate-only'] = 'true';
  for (const secret of workload.secrets) {
    if (!SECRET_NAME.test(secret.name)) throw new Error(`vault secret name "${secret.name}": expected [a-z0-9-]`);
    annotations[`vault.hashicorp.com/agent-inject-secret-${secret.name}`] = kvDataPath(secret.path);
    if (secret.template) annotations[`vault.hashicorp.com/agent-inject-template-${secret.name}`] = secret.template;
  }
  return annotations;
}

/** The injector's default uid/gid for its agent containers (vault-k8s DefaultAgentRunAsUser/Group). */
export const VAULT_AGENT_UID = 100;
export const VAULT_AGENT_GID = 1000;

/**
 * Annotations that pin the securityContext the injector gives its agent containers, so a change of
 * the injector's defaults cannot weaken it: with these, vault-k8s sets runAsUser/runAsGroup,
 * runAsNonRoot, readOnlyRootFilesystem, allowPrivilegeEscalation: false and drops ALL capabilities.
 * It sets no seccomp profile: for Pod Security restricted the pod's own securityContext must carry
 * seccompProfile RuntimeDefault, which the agent containers inherit.
 */
export function vaultAgentSecurityAnnotations(): Record<string, string> {
  return {
    'vault.hashicorp.com/agent-set-security-context': 'true',
    'vault.hashicorp.com/agent-run-as-user': String(VAULT_AGENT_UID),
    'vault.hashicorp.com/agent-run-as-group': String(VAULT_AGENT_GID),
  };
}

/** A consul-template body rendering chosen keys of a KV v2 secret as `export KEY="value"` lines. */
export function envFileTemplate(path: string, keys: Readonly<Record<string, string>>): string {
  const lines = Object.entries(keys).map(([envName, key]) => `export ${envName}="{{ .Data.data.${key} }}"`);
  return `{{- with secret "${kvDataPath(path)}" -}}\n${lines.join('\n')}\n{{- end }}\n`;
}

/** A Vault consumer and the id of the component that declared it. */
export interface OwnedConsumer {
  readonly owner: string;
  readonly consumer: VaultConsumer;
}

/** Namespaces whose workloads declare agents: the only ones the injector webhook may see. */
export function agentNamespaces(consumers: readonly OwnedConsumer[]): string[] {
  return [...new Set(consumers.filter(({ consumer }) => consumer.kind === 'agent').map(({ consumer }) => identityOf(consumer).namespace))].sort();
}
