import type { Rule } from '../../types';
import { containerResources } from './container-resources';

export const RULES: readonly Rule[] = [containerResources];
