// Linter findings matched against exemptions (object + rule + reason + expiry).
import { isLinterRule } from '../../policies/exemptions';
import { ENVIRONMENTS } from '../../environments/catalog';
import type { Exemption } from '../../policies/types';

export interface LinterFinding {
  readonly tool: 'kube-score' | 'kube-linter';
  /** "<tool>:<check id>", the id an exemption names. */
  readonly rule: string;
  readonly env: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly file: string;
  readonly message: string;
}

export interface ExemptionReport {
  readonly open: LinterFinding[];
  readonly exempted: { finding: LinterFinding; exemption: Exemption }[];
  /** Exemptions past their expiry date: each is itself a failure. */
  readonly expired: Exemption[];
  /** Exemptions for linter rules that matched no finding: stale, so a failure too. */
  readonly unused: Exemption[];
}

export function covers(exemption: Exemption, finding: LinterFinding): boolean {
  return (
    exemption.rule === finding.rule &&
    exemption.kind === finding.kind &&
    exemption.name === finding.name &&
    (exemption.namespace === undefined || exemption.namespace === finding.namespace) &&
    (exemption.envs === undefined || (exemption.envs as readonly string[]).includes(finding.env))
  );
}

export { isLinterRule };

export function applyExemptions(
  findings: readonly LinterFinding[],
  exemptions: readonly Exemption[],
  today: string = new Date().toISOString().slice(0, 10),
  /** Environments linted in this run; an exemption is judged unused only if they cover all of its own. */
  lintedEnvs?: readonly string[],
): ExemptionReport {
  const linterExemptions = exemptions.filter((e) => isLinterRule(e.rule));
  const expired = linterExemptions.filter((e) => e.expires < today);
  const live = linterExemptions.filter((e) => e.expires >= today);
  const used = new Set<Exemption>();
  const open: LinterFinding[] = [];
  const exempted: ExemptionReport['exempted'] = [];
  for (const finding of findings) {
    const exemption = live.find((e) => covers(e, finding));
    if (exemption) {
      used.add(exemption);
      exempted.push({ finding, exemption });
    } else {
      open.push(finding);
    }
  }
  const judgeable = (e: Exemption) =>
    lintedEnvs === undefined ||
    (e.envs === undefined ? allEnvsLinted(lintedEnvs) : e.envs.every((env) => lintedEnvs.includes(env)));
  return { open, exempted, expired, unused: live.filter((e) => !used.has(e) && judgeable(e)) };
}

function allEnvsLinted(lintedEnvs: readonly string[]): boolean {
  return ENVIRONMENTS.every((env) => lintedEnvs.includes(env));
}
