// Every rule has a passing and a failing fixture beside it; this runs them all.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../policies/engine';
import { fixturePaths, loadFixture } from '../../policies/fixtures';
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
  it('have unique ids, a rationale and a severity', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.rationale.length, rule.id).toBeGreaterThan(20);
      expect(['error', 'warning']).toContain(rule.severity);
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
        expect(fixture.expect.length, 'fail fixtures declare # expect: lines').toBeGreaterThan(0);
        for (const expected of fixture.expect) {
          expect(found.map((v) => v.message).join('\n')).toContain(expected);
        }
      });
    });
  }
});
