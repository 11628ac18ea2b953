import type { Rule } from '../../types';
import { probes } from './probes';
import { disruptionBudgets } from './disruption-budgets';
import { spread } from './spread';

export const RULES: readonly Rule[] = [probes, disruptionBudgets, spread];
