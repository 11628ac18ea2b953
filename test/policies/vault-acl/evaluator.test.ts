// The Vault ACL evaluator against the decisions Vault's policy documentation states
// (policies/vault-acl/fixtures/documented-examples.yaml), plus the priority order on its own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { describePattern, lowerPriority, VaultAcl, type Capability } from '../../../policies/vault-acl/evaluator';
import { parsePolicyHcl } from '../../../policies/vault-acl/hcl';

interface Check {
  path: string;
  capability: Capability;
  allowed: boolean;
  op?: 'list';
  decidedBy?: string | null;
}
interface Examples {
  cases: { name: string; policies: { name: string; hcl: string }[]; checks: Check[] }[];
  invalid: { name: string; hcl: string; error: string }[];
}

const examples = load(readFileSync(join(__dirname, '../../../policies/vault-acl/fixtures/documented-examples.yaml'), 'utf8')) as Examples;

describe('Vault ACL evaluator: documented examples', () => {
  it('has cases for every documented rule', () => {
    expect(examples.cases.length).toBeGreaterThanOrEqual(15);
    expect(examples.cases.flatMap((c) => c.checks).some((c) => c.allowed)).toBe(true);
    expect(examples.cases.flatMap((c) => c.checks).some((c) => !c.allowed)).toBe(true);
  });

  for (const example of examples.cases) {
    it(example.name, () => {
      const acl = VaultAcl.fromHcl(example.policies);
      for (const check of example.checks) {
        const decision = acl.decide(check.path, check.op);
        const label = `${check.capability} on ${check.path}`;
        expect(decision.capabilities.has(check.capability), label).toBe(check.allowed);
        expect(acl.allows(check.path, check.capability), label).toBe(check.allowed);
        if (check.decidedBy !== undefined) expect(decision.pattern ?? null, `${label}: deciding pattern`).toBe(check.decidedBy);
      }
    });
  }

  for (const invalid of examples.invalid) {
    it(`refuses ${invalid.name}`, () => {
      expect(() => VaultAcl.fromHcl([{ name: 'bad', hcl: invalid.hcl }])).toThrow(invalid.error);
    });
  }
});

describe('Vault ACL evaluator: priority order', () => {
  const lower = (a: string, b: string) => lowerPriority(describePattern(a), describePattern(b));

  it('orders by first wildcard, then glob, then + count, then length, then lexically', () => {
    expect(lower('secret/*', 'secret/foo/*')).toBe(true); // 1
    expect(lower('secret/+/foo*', 'secret/+/foo')).toBe(true); // 2
    expect(lower('secret/+/+/foo/*', 'secret/*')).toBe(true); // 3 (the documented example)
    expect(lower('secret/+/a*', 'secret/+/abc*')).toBe(true); // 4
    expect(lower('secret/+/+/cd', 'secret/+/ab/+')).toBe(true); // 5
    for (const [a, b] of [['secret/*', 'secret/foo/*'], ['secret/+/+/cd', 'secret/+/ab/+']] as const) {
      expect(lower(b, a)).toBe(false);
    }
  });

  it('does not depend on the order the policies list their paths', () => {
    const paths = ['secret/*', 'secret/+/+/foo/*', 'secret/a/*', 'secret/+/b/*', 'secret/a/b/foo/c'];
    const hcl = (order: string[]) => order.map((p, i) => `path "${p}" {\n  capabilities = ["${['read', 'update', 'list', 'delete', 'create'][i]}"]\n}\n`);
    const forward = VaultAcl.fromHcl([{ name: 'p', hcl: hcl(paths).join('') }]);
    const backward = VaultAcl.fromHcl([{ name: 'p', hcl: hcl(paths).reverse().join('') }]);
    for (const probe of ['secret/a/b/foo/c', 'secret/a/b/foo/d', 'secret/x/b/y', 'secret/q']) {
      expect(backward.decide(probe).pattern, probe).toBe(forward.decide(probe).pattern);
    }
    expect(forward.decide('secret/a/b/foo/d').pattern).toBe('secret/a/*');
    // rule 3: secret/* (no +) beats secret/+/b/* although the latter is longer
    expect(forward.decide('secret/x/b/y').pattern).toBe('secret/*');
  });
});

describe('policy HCL reader', () => {
  it('reads path blocks with comments, lists and nested maps, and names the line of an error', () => {
    const blocks = parsePolicyHcl('# c\npath "a/*" {\n  capabilities = ["read", "list"]\n  required_parameters = ["x"]\n}\n// d\npath "b" { capabilities = ["deny"] }\n');
    expect(blocks.map((b) => [b.path, b.attributes['capabilities'], b.line])).toEqual([
      ['a/*', ['read', 'list'], 2],
      ['b', ['deny'], 7],
    ]);
    expect(() => parsePolicyHcl('path "a" {\n  capabilities = ["read"\n}\n', 'p.hcl')).toThrow('p.hcl:3: expected "," or "]", found "}"');
  });
});
