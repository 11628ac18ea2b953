import type { Rule } from '../../types';
import { noSecretData } from './no-secret-data';
import { noSecretLiterals } from './no-secret-literals';

export const RULES: readonly Rule[] = [noSecretData, noSecretLiterals];
