import type { Rule } from '../../types';
import { podSecurityAdmission } from './pod-security-admission';
import { readOnlyRootFilesystem } from './read-only-root-filesystem';
import { serviceAccountToken } from './service-account-token';

export const RULES: readonly Rule[] = [podSecurityAdmission, readOnlyRootFilesystem, serviceAccountToken];
