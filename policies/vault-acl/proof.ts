// Least privilege, proved with Vault's own semantics over what is rendered.
//
// Granted side: the `vault-configuration` ConfigMap the configuration Job applies — apply.sh says
// which HCL file each policy is written from (`vault policy write <name> /config/<file>`) and which
// policies each role's tokens carry (`vault write auth/<mount>/role/<role> ... token_policies=...`);
// the HCL files are parsed and evaluated with the ACL evaluator.
//
// Used side, derived from the rendered objects:
//   agent   - vault.hashicorp.com/agent-inject-secret-* on pod templates, SparkApplications and in
//             the Helm values of chart Applications (read), under the pod's `role` annotation;
//   synced  - VaultStaticSecret paths under the role of the VaultAuth they name (read);
//   backend - Airflow VaultBackend kwargs anywhere in the rendered objects (chart values, env):
//             read on <mount>/data/<connections_path>/* and <variables_path>/* (and config_path when set);
//   client  - the client declarations the configuration lists (provisioning Jobs, the config Job).
//
// For every identity (role) and every path of the universe (every used path and every path any
// policy names, a wildcard replaced by a probe name), each capability Vault knows must be allowed
// exactly when one of the identity's uses covers it. The default policy Vault attaches to tokens is
// not rendered and is outside the proof (it grants token self-management and cubbyhole only).
import type { K8sObject, RenderedDocument, RenderedEnvironment } from '../types';
import { vaultConfigurations, vaultSites } from '../rules/vault/vault-sites';
// Registers the extractors of Vault-annotated pods in upstream charts' values (Airflow, DataHub).
import '../rules/chart-values/airflow-vault-pods';
import '../rules/chart-values/datahub-vault-pods';
import { CAPABILITIES, VaultAcl, type Capability } from './evaluator';
import { parsePolicyHcl } from './hcl';

/** Segment substituted for `*` and `+` when a pattern is turned into a concrete path to evaluate. */
export const PROBE_SEGMENT = 'gridata-acl-probe';

export interface Use {
  readonly role: string;
  /** Vault API path or pattern (a trailing `*` means any name below). */
  readonly path: string;
  readonly capability: Capability;
  readonly via: 'agent' | 'synced' | 'backend' | 'client';
  /** Where it was found, for messages. */
  readonly where: string;
  readonly document: RenderedDocument;
}

export interface ProofFailure {
  readonly role: string;
  readonly message: string;
  readonly document: RenderedDocument;
}

export interface Proof {
  readonly env: string;
  readonly identities: number;
  /** Paths checked for every identity (used paths and policy paths, deduplicated). */
  readonly paths: number;
  /** (identity, path, capability) triples that are used and allowed. */
  readonly allowed: number;
  /** Triples that are not used and denied. */
  readonly denied: number;
  readonly uses: readonly Use[];
  readonly failures: readonly ProofFailure[];
}

/** A concrete path standing for a pattern: `*` and `+` segments replaced by PROBE_SEGMENT. */
export function probePath(pattern: string): string {
  const base = pattern.endsWith('*') ? pattern.slice(0, -1) + PROBE_SEGMENT : pattern;
  return base
    .split('/')
    .map((s) => (s === '+' ? PROBE_SEGMENT : s))
    .join('/');
}

interface Granted {
  readonly document: RenderedDocument;
  /** role -> policies its tokens carry, from apply.sh. */
  readonly rolePolicies: Map<string, string[]>;
  /** policy -> HCL text. */
  readonly policyHcl: Map<string, string>;
  readonly roles: readonly string[];
  readonly problems: string[];
}

function grantedSide(document: RenderedDocument, roles: readonly string[]): Granted {
  const data: Record<string, string> = document.object.data ?? {};
  const script = data['apply.sh'] ?? '';
  const problems: string[] = [];
  const policyHcl = new Map<string, string>();
  for (const m of script.matchAll(/^\s*vault policy write (\S+) (\S+)\s*$/gm)) {
    const key = m[2]!.split('/').pop()!;
    if (data[key] === undefined) problems.push(`apply.sh writes policy ${m[1]} from ${m[2]}, but the ConfigMap has no key ${key}`);
    else policyHcl.set(m[1]!, data[key]);
  }
  const rolePolicies = new Map<string, string[]>();
  for (const m of script.matchAll(/^\s*vault write auth\/[^/\s]+\/role\/(\S+)((?: \S+=\S*)*)\s*$/gm)) {
    const policies = / token_policies=(\S*)/.exec(m[2] ?? '')?.[1]?.split(',').filter(Boolean) ?? [];
    rolePolicies.set(m[1]!, policies);
  }
  if (!script) problems.push('has no apply.sh: nothing says which policies are written and which roles carry them');
  return { document, rolePolicies, policyHcl, roles, problems };
}

/** Every string in a rendered object that is an Airflow VaultBackend kwargs JSON, with its location. */
function backendKwargs(object: unknown, where: string, out: { where: string; kwargs: Record<string, any> }[]): void {
  if (typeof object === 'string') {
    if (!object.includes('"kubernetes_role"')) return;
    // Either the kwargs JSON itself (an env var, a values string) or an airflow.cfg holding it.
    const candidates = object.trimStart().startsWith('{')
      ? [{ text: object, at: where }]
      : [...object.matchAll(/^\s*backend_kwargs\s*=\s*(\{.*\})\s*$/gm)].map((m) => ({ text: m[1]!, at: `${where} [secrets] backend_kwargs` }));
    for (const { text, at } of candidates) {
      try {
        const parsed = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) out.push({ where: at, kwargs: parsed });
      } catch {
        /* not JSON: not a kwargs string */
      }
    }
  } else if (Array.isArray(object)) {
    object.forEach((v, i) => {
      const name = v && typeof v === 'object' && typeof v.name === 'string' ? `[${v.name}]` : `[${i}]`;
      backendKwargs(v, `${where}${name}`, out);
    });
  } else if (object && typeof object === 'object') {
    for (const [k, v] of Object.entries(object)) backendKwargs(v, where ? `${where}.${k}` : k, out);
  }
}

/** The paths Airflow's VaultBackend reads with these kwargs (defaults as the provider documents them). */
export function backendPaths(kwargs: Record<string, any>): string[] {
  const mount = kwargs.mount_point ?? 'secret';
  const version = Number(kwargs.kv_engine_version ?? 2);
  const prefix = version === 1 ? `${mount}/` : `${mount}/data/`;
  const lookups = [
    kwargs.connections_path === undefined ? 'connections' : kwargs.connections_path,
    kwargs.variables_path === undefined ? 'variables' : kwargs.variables_path,
    kwargs.config_path === undefined ? 'config' : kwargs.config_path,
  ];
  return lookups.filter((p): p is string => typeof p === 'string' && p !== '').map((p) => `${prefix}${p.replace(/\/+$/, '')}/*`);
}

export function usesOf(rendered: RenderedEnvironment): Use[] {
  const uses: Use[] = [];
  for (const site of vaultSites(rendered)) {
    if (!site.role) continue;
    for (const path of site.paths) {
      uses.push({ role: site.role, path, capability: 'read', via: site.via, where: `${site.document.file} ${site.where}`, document: site.document });
    }
  }
  for (const document of rendered.documents) {
    const found: { where: string; kwargs: Record<string, any> }[] = [];
    backendKwargs(document.object as K8sObject, '', found);
    for (const { where, kwargs } of found) {
      if (kwargs.auth_type !== undefined && kwargs.auth_type !== 'kubernetes') continue;
      for (const path of backendPaths(kwargs)) {
        uses.push({ role: String(kwargs.kubernetes_role), path, capability: 'read', via: 'backend', where: `${document.file} ${where}`, document });
      }
    }
  }
  for (const config of vaultConfigurations(rendered)) {
    for (const role of config.roles) {
      for (const d of role.declared.filter((x) => x.via === 'client')) {
        for (const c of d.capabilities) {
          uses.push({ role: role.name, path: d.path, capability: c as Capability, via: 'client', where: `${config.document.file} client declaration of ${d.owner}`, document: config.document });
        }
      }
    }
  }
  return uses;
}

/** Runs the proof over one rendered environment. */
export function proveLeastPrivilege(rendered: RenderedEnvironment): Proof {
  const failures: ProofFailure[] = [];
  const configs = vaultConfigurations(rendered);
  const uses = usesOf(rendered);
  let allowed = 0;
  let denied = 0;
  let identities = 0;
  const universe = new Set<string>(uses.map((u) => u.path));

  for (const config of configs) {
    const granted = grantedSide(config.document, config.roles.map((r) => r.name));
    for (const problem of granted.problems) failures.push({ role: '-', message: `${config.document.file}: ${problem}`, document: config.document });
    const acls = new Map<string, VaultAcl>();
    for (const role of granted.roles) {
      const policies = granted.rolePolicies.get(role);
      if (!policies) {
        failures.push({ role, message: `role ${role} is configured, but apply.sh never writes it`, document: config.document });
        continue;
      }
      const texts: { name: string; hcl: string }[] = [];
      for (const name of policies) {
        const hcl = granted.policyHcl.get(name);
        if (hcl === undefined) failures.push({ role, message: `role ${role} carries policy ${name}, which apply.sh does not write`, document: config.document });
        else texts.push({ name, hcl });
      }
      try {
        acls.set(role, VaultAcl.fromHcl(texts));
      } catch (e) {
        failures.push({ role, message: `role ${role}: ${(e as Error).message}`, document: config.document });
      }
    }
    // Every path a policy names belongs to the universe too: a grant nobody uses must be denied.
    for (const [name, hcl] of granted.policyHcl) {
      try {
        for (const block of parsePolicyHcl(hcl, `policy ${name}`)) universe.add(block.path);
      } catch {
        // an unreadable policy is reported through the role that carries it
      }
    }

    const configured = new Set(granted.roles);
    for (const use of uses) {
      if (!configured.has(use.role)) {
        failures.push({ role: use.role, message: `${use.via} use at ${use.where} logs in as role ${use.role}, which the Vault configuration does not define`, document: use.document });
      }
    }

    const paths = [...universe].sort();
    for (const role of granted.roles) {
      const acl = acls.get(role);
      if (!acl) continue;
      identities++;
      const mine = uses.filter((u) => u.role === role);
      const usedAcl = new Map<Capability, VaultAcl>(
        CAPABILITIES.map((c) => [c, new VaultAcl([{ name: 'uses', rules: mine.filter((u) => u.capability === c).map((u) => ({ path: u.path, capabilities: [c] })) }])]),
      );
      for (const pattern of paths) {
        const probe = probePath(pattern);
        for (const capability of CAPABILITIES) {
          const used = usedAcl.get(capability)!.decide(probe).pattern !== undefined;
          const decision = acl.decide(probe, capability === 'list' ? 'list' : undefined);
          const isAllowed = decision.capabilities.has(capability);
          if (used && isAllowed) allowed++;
          else if (!used && !isAllowed) denied++;
          else if (used) {
            const use = mine.find((u) => u.capability === capability && new VaultAcl([{ name: 'u', rules: [{ path: u.path, capabilities: [capability] }] }]).decide(probe).pattern)!;
            const why = decision.denied ? `denied by "${decision.pattern}"` : decision.pattern ? `"${decision.pattern}" grants only ${[...decision.capabilities].join(', ') || 'nothing'}` : 'no policy path matches';
            failures.push({ role, message: `role ${role} needs ${capability} on ${pattern} (${use.via} at ${use.where}), but its policies (${granted.rolePolicies.get(role)!.join(', ')}) do not allow it: ${why}`, document: use.document });
          } else {
            failures.push({
              role,
              message: `role ${role} is allowed ${capability} on ${pattern} by "${decision.pattern}" in ${decision.policies.join(', ')}, but none of its workloads uses it`,
              document: config.document,
            });
          }
        }
      }
    }
  }
  if (configs.length === 0 && uses.length > 0) {
    failures.push({ role: '-', message: `${uses.length} Vault uses are rendered, but no Vault configuration ConfigMap`, document: uses[0]!.document });
  }
  return { env: rendered.env, identities, paths: universe.size, allowed, denied, uses, failures };
}
