// A component's exemptions written without what its entries share: the namespace its chart renders
// into and the review date. An entry may still name another namespace or expiry of its own.
import type { EnvName } from '../../environments/catalog';
import type { Exemption } from '../types';

export interface Entry {
  readonly rule: string;
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
  readonly envs?: readonly EnvName[];
  readonly namespace?: string;
  readonly expires?: string;
}

/** A kube-score finding, by its check id (rule `kube-score:<check>`). */
export interface KubeScoreEntry extends Omit<Entry, 'rule'> {
  readonly check: string;
}

export function kubeScore(entries: readonly KubeScoreEntry[]): Entry[] {
  return entries.map(({ check, ...entry }) => ({ rule: `kube-score:${check}`, ...entry }));
}

export function componentExemptions(namespace: string, expires: string, entries: readonly Entry[]): Exemption[] {
  return entries.map((e) => ({
    rule: e.rule,
    ...(e.envs ? { envs: e.envs } : {}),
    kind: e.kind,
    namespace: e.namespace ?? namespace,
    name: e.name,
    reason: e.reason,
    expires: e.expires ?? expires,
  }));
}
