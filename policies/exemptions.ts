// The repository's one exemption mechanism, for our rules and for kube-linter/kube-score
// findings alike: object + rule + reason + expiry. Expired or unused entries fail the build.
import type { Exemption } from './types';

export const EXEMPTIONS: readonly Exemption[] = [];
