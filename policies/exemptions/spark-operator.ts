// Exemptions for objects the upstream chart of component "spark-operator" renders into dist/<env>/spark-operator/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

export const EXEMPTIONS: readonly Exemption[] = [];
