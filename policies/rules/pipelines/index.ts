import type { Rule } from '../../types';

export const RULES: readonly Rule[] = [];
