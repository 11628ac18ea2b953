// Exemptions for objects the upstream chart of component "iceberg-catalog" renders into dist/<env>/iceberg-catalog/ that
// cannot meet a rule: one entry per object and rule, with the reason and an expiry (no blanket ones).
import type { Exemption } from '../types';

export const EXEMPTIONS: readonly Exemption[] = [];
