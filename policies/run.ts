// Evaluates every rule over rendered environments, with the repository's exemptions.
import { ENVIRONMENTS, type EnvName } from '../environments/catalog';
import { evaluate, unusedExemptions, type Evaluation } from './engine';
import { EXEMPTIONS, isLinterRule } from './exemptions';
import { RULES } from './rules';
import type { RenderedEnvironment, Violation } from './types';

const RULE_EXEMPTIONS = EXEMPTIONS.filter((e) => !isLinterRule(e.rule));

export function policyViolations(rendered: readonly RenderedEnvironment[], today?: string): Violation[] {
  const evaluations = new Map<EnvName, Evaluation>();
  for (const r of rendered) evaluations.set(r.env, evaluate(r, RULES, { exemptions: RULE_EXEMPTIONS, today }));
  const violations = [...evaluations.values()].flatMap((e) => e.violations);
  // Staleness of an exemption can only be judged when every environment was evaluated.
  if (rendered.length === ENVIRONMENTS.length) violations.push(...unusedExemptions(RULE_EXEMPTIONS, evaluations));
  return violations;
}
