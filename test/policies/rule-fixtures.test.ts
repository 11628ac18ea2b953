// Every rule has a passing and a failing fixture beside it; this runs them all.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../policies/engine';
import { fixturePaths, loadFixture } from '../../policies/fixtures';
import { FAMILIES } from '../../policies/families';
import { RULES } from '../../policies/rules';

const RULES_DIR = join(__dirname, '../../policies/rules');
const families = readdirSync(RULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(RULES_DIR, d.name));

function fixturesFor(ruleId: string) {
  for (const dir of families) {
    const paths = fixturePaths(dir, ruleId);
    if (existsSync(paths.pass) || existsSync(paths.fail)) return paths;
  }
  return undefined;
}

describe('policy rules', () => {
  it('have unique ids, a rationale, a remediation, a severity and a known family', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.rationale.length, rule.id).toBeGreaterThan(20);
      expect(rule.remediation?.trim().length ?? 0, `${rule.id} remediation`).toBeGreaterThan(20);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(FAMILIES[rule.family], `${rule.id} family ${rule.family}`).toBeDefined();
      if (rule.guard !== undefined) expect(rule.guard.length, `${rule.id} guard reason`).toBeGreaterThan(20);
    }
  });

  it('declare params whenever their check reads them', () => {
    // A check with a params argument and no defaults would run with undefined expectations.
    const arity = (r: (typeof RULES)[number]) => r.check.length;
    for (const rule of RULES) {
      const paramsArg = rule.scope === 'chart-values' ? 3 : 2;
      if (arity(rule) >= paramsArg) expect(rule.params, `${rule.id} params`).toBeDefined();
    }
  });

  for (const rule of RULES) {
    describe(`${rule.id} ${rule.title}`, () => {
      const paths = fixturesFor(rule.id);

      it('has a pass and a fail fixture', () => {
        expect(paths && existsSync(paths.pass) && existsSync(paths.fail), `${rule.id} fixtures`).toBe(true);
      });

      it('finds nothing in its pass fixture', () => {
        const fixture = loadFixture(paths!.pass);
        const found = evaluate(fixture.rendered, [rule]).violations;
        expect(found.map((v) => v.message)).toEqual([]);
      });

      it('reports its fail fixture with the expected messages', () => {
        const fixture = loadFixture(paths!.fail);
        const found = evaluate(fixture.rendered, [rule]).violations;
        expect(found.length).toBeGreaterThan(0);
        expect(found.every((v) => v.ruleId === rule.id)).toBe(true);
        expect(found.every((v) => v.remediation === rule.remediation), 'violations carry the rule\'s remediation').toBe(true);
        expect(fixture.expect.length, 'fail fixtures declare # expect: lines').toBeGreaterThan(0);
        for (const expected of fixture.expect) {
          expect(found.map((v) => v.message).join('\n')).toContain(expected);
        }
      });
    });
  }
});
