// Vault ACL evaluation, written from Vault's policy documentation (concepts/policies: "Policy
// syntax", "Priority matching", "Capabilities"); decision record 0024 lists the rules and sources.
//
//  - A policy is a set of path patterns, each with capabilities. A token's policies are merged:
//    the same pattern in several policies gets the union of their capabilities, unless one of them
//    says `deny`, in which case that pattern denies everything.
//  - Patterns: a literal path; a trailing `*` (glob) matches any suffix, slashes included, and is
//    only allowed as the last character; a whole segment `+` matches exactly one segment. `+*` is
//    refused, `+` inside a segment (`a+b`) is a literal.
//  - The rule that decides is the most specific matching pattern: an exact match always wins; among
//    wildcard patterns the documented priority order picks one (see `lowerPriority`). Only that rule
//    decides: its `deny` denies, and its capabilities are the token's capabilities on the path.
//  - No matching pattern: denied (policies are deny by default).
//  - A LIST request on `p/` also looks for an exact rule on `p` (CLI list paths end in a slash).

import type { HclPathBlock } from './hcl';
import { parsePolicyHcl } from './hcl';

export const CAPABILITIES = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo'] as const;
export type Capability = (typeof CAPABILITIES)[number];
export const DENY = 'deny';

export interface PolicyRule {
  readonly path: string;
  readonly capabilities: readonly string[];
}

export interface AclPolicy {
  readonly name: string;
  readonly rules: readonly PolicyRule[];
}

interface CompiledRule {
  readonly pattern: string;
  /** Pattern without the trailing glob. */
  readonly base: string;
  readonly segments: readonly string[];
  readonly isPrefix: boolean;
  readonly hasSegmentWildcard: boolean;
  /** Number of `+` segments. */
  readonly wildcards: number;
  /** Character index of the first `+` or `*`; the pattern length when there is none. */
  readonly firstWildcard: number;
  readonly capabilities: Set<string>;
  readonly policies: string[];
}

export interface AclDecision {
  /** The pattern that decided, or undefined when none matched. */
  readonly pattern: string | undefined;
  /** Granted capabilities (empty when denied or unmatched). */
  readonly capabilities: ReadonlySet<Capability>;
  readonly denied: boolean;
  /** Policies that contributed the deciding pattern. */
  readonly policies: readonly string[];
}

const KNOWN = new Set<string>([...CAPABILITIES, DENY]);

function compile(pattern: string, policy: string): CompiledRule {
  const star = pattern.indexOf('*');
  if (star >= 0 && star !== pattern.length - 1) throw new Error(`policy ${policy}: path "${pattern}": the glob * is only allowed as the last character`);
  const isPrefix = star === pattern.length - 1 && star >= 0;
  const base = isPrefix ? pattern.slice(0, -1) : pattern;
  const segments = base.split('/');
  if (isPrefix && segments[segments.length - 1] === '+') throw new Error(`policy ${policy}: path "${pattern}": + and * cannot be combined as "+*"`);
  const plusIndexes = segments.map((s, i) => (s === '+' ? i : -1)).filter((i) => i >= 0);
  const firstPlus = plusIndexes.length ? segments.slice(0, plusIndexes[0]).join('/').length + (plusIndexes[0]! > 0 ? 1 : 0) : -1;
  return {
    pattern,
    base,
    segments,
    isPrefix,
    hasSegmentWildcard: plusIndexes.length > 0,
    wildcards: plusIndexes.length,
    firstWildcard: firstPlus >= 0 ? firstPlus : isPrefix ? star : pattern.length,
    capabilities: new Set(),
    policies: [],
  };
}

/** Whether a wildcard pattern (glob and/or `+`) matches the request path. */
function wildcardMatches(rule: CompiledRule, path: string): boolean {
  if (!rule.hasSegmentWildcard) return rule.isPrefix && path.startsWith(rule.base);
  const parts = path.split('/');
  if (parts.length < rule.segments.length) return false;
  if (!rule.isPrefix && parts.length !== rule.segments.length) return false;
  const last = rule.segments.length - 1;
  for (let i = 0; i <= last; i++) {
    const seg = rule.segments[i]!;
    const part = parts[i]!;
    if (seg === '+') continue;
    if (seg === part) continue;
    if (rule.isPrefix && i === last && part.startsWith(seg)) continue;
    return false;
  }
  return true;
}

/**
 * The documented priority order between two matching wildcard patterns P1 and P2; true when P1 is
 * lower priority: (1) its first wildcard (`+` or `*`) occurs earlier; (2) it ends in `*` and P2 does
 * not; (3) it has more `+` segments; (4) it is shorter; (5) it is lexically smaller.
 */
export function lowerPriority(p1: CompiledRuleView, p2: CompiledRuleView): boolean {
  if (p1.firstWildcard !== p2.firstWildcard) return p1.firstWildcard < p2.firstWildcard;
  if (p1.isPrefix !== p2.isPrefix) return p1.isPrefix;
  if (p1.wildcards !== p2.wildcards) return p1.wildcards > p2.wildcards;
  if (p1.base.length !== p2.base.length) return p1.base.length < p2.base.length;
  return p1.base < p2.base;
}

export type CompiledRuleView = Pick<CompiledRule, 'firstWildcard' | 'isPrefix' | 'wildcards' | 'base'>;

/** Pattern shape, for tests of the priority order. */
export function describePattern(pattern: string): CompiledRuleView {
  const { firstWildcard, isPrefix, wildcards, base } = compile(pattern, 'pattern');
  return { firstWildcard, isPrefix, wildcards, base };
}

export class VaultAcl {
  private readonly exact = new Map<string, CompiledRule>();
  private readonly wildcard: CompiledRule[] = [];

  constructor(policies: readonly AclPolicy[]) {
    const byPattern = new Map<string, CompiledRule>();
    for (const policy of policies) {
      for (const rule of policy.rules) {
        for (const c of rule.capabilities) {
          if (!KNOWN.has(c)) throw new Error(`policy ${policy.name}: path "${rule.path}": unknown capability "${c}" (expected one of ${[...KNOWN].join(', ')})`);
        }
        const compiled = byPattern.get(rule.path) ?? compile(rule.path, policy.name);
        rule.capabilities.forEach((c) => compiled.capabilities.add(c));
        if (!compiled.policies.includes(policy.name)) compiled.policies.push(policy.name);
        byPattern.set(rule.path, compiled);
      }
    }
    for (const rule of byPattern.values()) {
      if (!rule.isPrefix && !rule.hasSegmentWildcard) this.exact.set(rule.pattern, rule);
      else this.wildcard.push(rule);
    }
  }

  /** Builds the ACL of a token from its policies' HCL texts. */
  static fromHcl(policies: readonly { name: string; hcl: string }[]): VaultAcl {
    return new VaultAcl(policies.map(({ name, hcl }) => ({ name, rules: rulesOf(parsePolicyHcl(hcl, `policy ${name}`), name) })));
  }

  /** The rule that decides for `path`. `list`: the request is a LIST (exact lookup also without a trailing slash). */
  decide(path: string, operation?: 'list'): AclDecision {
    let rule = this.exact.get(path);
    if (!rule && operation === 'list' && path.endsWith('/')) rule = this.exact.get(path.slice(0, -1));
    if (!rule) {
      for (const candidate of this.wildcard) {
        if (!wildcardMatches(candidate, path)) continue;
        if (!rule || lowerPriority(rule, candidate)) rule = candidate;
      }
    }
    if (!rule) return { pattern: undefined, capabilities: new Set(), denied: false, policies: [] };
    const denied = rule.capabilities.has(DENY);
    const capabilities = new Set<Capability>(denied ? [] : (CAPABILITIES.filter((c) => rule!.capabilities.has(c)) as Capability[]));
    return { pattern: rule.pattern, capabilities, denied, policies: [...rule.policies] };
  }

  allows(path: string, capability: Capability): boolean {
    return this.decide(path, capability === 'list' ? 'list' : undefined).capabilities.has(capability);
  }
}

/** The path rules of parsed HCL blocks; a block without `capabilities` is refused. */
export function rulesOf(blocks: readonly HclPathBlock[], policy: string): PolicyRule[] {
  return blocks.map((b) => {
    const caps = b.attributes['capabilities'];
    if (!Array.isArray(caps) || !caps.every((c) => typeof c === 'string')) {
      throw new Error(`policy ${policy}: path "${b.path}" (line ${b.line}): expected capabilities = [<strings>], found ${JSON.stringify(caps ?? null)}`);
    }
    return { path: b.path, capabilities: caps as string[] };
  });
}
