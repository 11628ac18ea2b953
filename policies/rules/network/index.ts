import type { Rule } from '../../types';
import { defaultDeny } from './default-deny';
import { podCoverage } from './pod-coverage';

export const RULES: readonly Rule[] = [defaultDeny, podCoverage];
