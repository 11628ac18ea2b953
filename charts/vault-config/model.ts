// Derives the whole Vault configuration from the workloads' secret declarations: one policy and
// one Kubernetes-auth role per identity (ServiceAccount + namespace), each policy granting exactly
// the declared paths with exactly the declared capabilities. Pure data; rendered by the chart.
import {
  VAULT_AUDIENCE,
  VAULT_KUBERNETES_AUTH_MOUNT,
  VAULT_KV_MOUNT,
  VAULT_NAMESPACE,
  VAULT_TOKEN_MAX_TTL,
  VAULT_TOKEN_TTL,
  identityOf,
  kvDataPath,
  kvMetadataPath,
  vaultRoleName,
  type OwnedConsumer,
  type VaultIdentity,
} from '../shared/vault-secrets';

/** The configuration Job's own identity; its role is created once by hand (README runbook). */
export const CONFIG_JOB_IDENTITY: VaultIdentity = { namespace: VAULT_NAMESPACE, serviceAccount: 'vault-config' };

export type Capability = 'read' | 'list' | 'create' | 'update' | 'delete' | 'sudo';

/**
 * The audit device the configuration Job enables: Vault's `file` device with the special path
 * `stdout`, i.e. the server container's log (decision 0030). Mounted at `sys/audit/<path>`.
 */
export const AUDIT_DEVICE = { path: 'stdout', type: 'file', options: { file_path: 'stdout', log_raw: 'false' } } as const;
export type DeclaredVia = 'agent' | 'synced' | 'client';

export interface DeclaredAccess {
  /** Vault API path, e.g. kv/data/prod/object-store/root. */
  readonly path: string;
  readonly capabilities: readonly Capability[];
  readonly via: DeclaredVia;
  /** Component that declared it. */
  readonly owner: string;
}

export interface VaultRole {
  readonly name: string;
  readonly serviceAccount: string;
  readonly namespace: string;
  readonly audience: string;
  readonly ttl: string;
  readonly maxTtl: string;
  readonly policies: readonly string[];
  readonly declared: readonly DeclaredAccess[];
}

export interface VaultPolicy {
  readonly name: string;
  readonly rules: readonly { readonly path: string; readonly capabilities: readonly Capability[] }[];
}

export interface VaultConfiguration {
  readonly kvMount: string;
  readonly authMount: string;
  readonly roles: readonly VaultRole[];
  readonly policies: readonly VaultPolicy[];
}

/** What the configuration Job may do: manage the KV mount, the auth method, roles and policies. */
const CONFIG_JOB_ACCESS: readonly { path: string; capabilities: Capability[] }[] = [
  { path: 'sys/mounts', capabilities: ['read'] },
  { path: `sys/mounts/${VAULT_KV_MOUNT}`, capabilities: ['create', 'read', 'update'] },
  { path: 'sys/auth', capabilities: ['read'] },
  { path: `sys/auth/${VAULT_KUBERNETES_AUTH_MOUNT}`, capabilities: ['create', 'read', 'update', 'sudo'] },
  { path: `auth/${VAULT_KUBERNETES_AUTH_MOUNT}/config`, capabilities: ['create', 'read', 'update'] },
  { path: `auth/${VAULT_KUBERNETES_AUTH_MOUNT}/role`, capabilities: ['list'] },
  { path: `auth/${VAULT_KUBERNETES_AUTH_MOUNT}/role/*`, capabilities: ['create', 'read', 'update', 'delete'] },
  // Listing and enabling audit devices are root-protected endpoints: sudo is required.
  { path: 'sys/audit', capabilities: ['read', 'sudo'] },
  { path: `sys/audit/${AUDIT_DEVICE.path}`, capabilities: ['create', 'read', 'update', 'sudo'] },
  { path: 'sys/policies/acl', capabilities: ['list'] },
  { path: 'sys/policies/acl/*', capabilities: ['create', 'read', 'update', 'delete'] },
];

const name = vaultRoleName;

const CAPABILITY_ORDER: readonly Capability[] = ['create', 'read', 'update', 'delete', 'list', 'sudo'];

/** `consumers`: the Vault consumers of the components enabled in the environment (ctx.vaultConsumers). */
export function vaultConfiguration(consumers: readonly OwnedConsumer[]): VaultConfiguration {
  const declaredByRole = new Map<string, { identity: VaultIdentity; declared: DeclaredAccess[] }>();
  const add = (identity: VaultIdentity, access: DeclaredAccess) => {
    const name = vaultRoleName(identity);
    const entry = declaredByRole.get(name) ?? { identity, declared: [] };
    entry.declared.push(access);
    declaredByRole.set(name, entry);
  };

  for (const access of CONFIG_JOB_ACCESS) add(CONFIG_JOB_IDENTITY, { ...access, via: 'client', owner: 'vault-config' });
  for (const { owner, consumer } of consumers) {
    const identity = identityOf(consumer);
    if (consumer.kind === 'agent') {
      for (const s of consumer.secrets) add(identity, { path: kvDataPath(s.path), capabilities: ['read'], via: 'agent', owner });
    } else if (consumer.kind === 'synced') {
      add(identity, { path: kvDataPath(consumer.path), capabilities: ['read'], via: 'synced', owner });
    } else {
      for (const p of consumer.paths) {
        const data = p.capabilities.filter((c) => c !== 'list');
        if (data.length) add(identity, { path: kvDataPath(p.path), capabilities: data, via: 'client', owner });
        if (p.capabilities.includes('list')) add(identity, { path: kvMetadataPath(p.path), capabilities: ['list'], via: 'client', owner });
      }
      for (const p of consumer.apiPaths ?? []) {
        if (p.path.startsWith(`${VAULT_KV_MOUNT}/`)) throw new Error(`${name(identity)}: apiPaths ${p.path} is inside the KV mount; declare it in paths`);
        add(identity, { path: p.path, capabilities: [...p.capabilities], via: 'client', owner });
      }
    }
  }

  const roles: VaultRole[] = [];
  const policies: VaultPolicy[] = [];
  for (const name of [...declaredByRole.keys()].sort()) {
    const { identity, declared } = declaredByRole.get(name)!;
    roles.push({
      name,
      serviceAccount: identity.serviceAccount,
      namespace: identity.namespace,
      audience: VAULT_AUDIENCE,
      ttl: VAULT_TOKEN_TTL,
      maxTtl: VAULT_TOKEN_MAX_TTL,
      policies: [name],
      declared: [...declared].sort((a, b) => (a.path + a.via < b.path + b.via ? -1 : 1)),
    });
    policies.push({ name, rules: mergeRules(declared) });
  }
  return { kvMount: VAULT_KV_MOUNT, authMount: VAULT_KUBERNETES_AUTH_MOUNT, roles, policies };
}

function mergeRules(declared: readonly DeclaredAccess[]): VaultPolicy['rules'] {
  const byPath = new Map<string, Set<Capability>>();
  for (const d of declared) {
    const set = byPath.get(d.path) ?? new Set<Capability>();
    d.capabilities.forEach((c) => set.add(c));
    byPath.set(d.path, set);
  }
  return [...byPath.keys()].sort().map((path) => ({ path, capabilities: CAPABILITY_ORDER.filter((c) => byPath.get(path)!.has(c)) }));
}

/** HCL of one policy, as the Job writes it and reviewers read it. */
export function policyHcl(policy: VaultPolicy): string {
  const header = `# Policy ${policy.name}: generated from the secret declarations (charts/shared/vault-secrets.ts).\n`;
  return header + policy.rules.map((r) => `path "${r.path}" {\n  capabilities = [${r.capabilities.map((c) => `"${c}"`).join(', ')}]\n}\n`).join('\n');
}
