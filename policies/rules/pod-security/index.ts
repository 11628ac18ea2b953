import type { Rule } from '../../types';
import { restrictedProfile } from './restricted-profile';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { serviceAccountToken } from './service-account-token';

export const RULES: readonly Rule[] = [restrictedProfile, readOnlyRootFilesystem, serviceAccountToken];
