// The repository's one exemption mechanism, for our policy rules and for kube-score/kube-linter
// findings alike: object + rule + reason + expiry. Expired or unused entries fail the build
// (policy rules are judged by `npm run policy`, linter rules by `npm run lint:k8s`).
import { DELIBERATE_LINTER_EXEMPTIONS, LINTER_EXEMPTIONS } from './linter-exemptions';
import type { Exemption } from './types';

/** Exemptions from our own policy rules (policies/rules). */
const POLICY_EXEMPTIONS: readonly Exemption[] = [];

export const EXEMPTIONS: readonly Exemption[] = [...POLICY_EXEMPTIONS, ...LINTER_EXEMPTIONS, ...DELIBERATE_LINTER_EXEMPTIONS];

/** Rule ids of external linters; their exemptions are judged by `npm run lint:k8s`, not the policy engine. */
export function isLinterRule(rule: string): boolean {
  return rule.startsWith('kube-score:') || rule.startsWith('kube-linter:');
}
