// Promotion guard: every version pinned in an environment at `ref` must have been pinned in the
// environment before it (prod ← staging ← dev) at the commit that introduced it on the main line,
// or earlier. A change merged to prod and staging in the same commit passes; prod first does not.
import { mainLinePins, type CommitPins } from './history';

export const PROMOTION_CHAIN = [
  { env: 'staging', lower: 'dev' },
  { env: 'prod', lower: 'staging' },
] as const;

export interface GuardViolation {
  readonly env: string;
  readonly lower: string;
  readonly pin: string;
  readonly value: string;
  /** The main-line commit that introduced this value in `env`. */
  readonly introducedIn: string;
  readonly message: string;
}

export function checkPromotionHistory(repoDir: string, ref = 'HEAD'): GuardViolation[] {
  return violationsIn(mainLinePins(repoDir, ref, ['dev', 'staging', 'prod']));
}

/** Violations in a main line given oldest first (separate from git so the rule is easy to read). */
export function violationsIn(history: readonly CommitPins[]): GuardViolation[] {
  if (history.length === 0) return [];
  const violations: GuardViolation[] = [];
  const head = history[history.length - 1]!;
  for (const { env, lower } of PROMOTION_CHAIN) {
    for (const [pin, value] of head.pins.get(env) ?? new Map<string, string>()) {
      const introduced = introductionIndex(history, env, pin, value);
      const seenBelow = history.slice(0, introduced + 1).some((c) => c.pins.get(lower)?.get(pin) === value);
      if (seenBelow) continue;
      const commit = history[introduced]!.commit;
      violations.push({
        env,
        lower,
        pin,
        value,
        introducedIn: commit,
        message: `${env} pins ${pin} = ${value} (since ${commit.slice(0, 12)}), but ${lower} never pinned it at or before that commit`,
      });
    }
  }
  return violations;
}

/** Index of the oldest commit from which `env` has pinned `value` without interruption up to the head. */
function introductionIndex(history: readonly CommitPins[], env: string, pin: string, value: string): number {
  let index = history.length - 1;
  while (index > 0 && history[index - 1]!.pins.get(env)?.get(pin) === value) index--;
  return index;
}
