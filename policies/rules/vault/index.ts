// Family 8: Vault consistency between the rendered Vault configuration and everything that logs in.
import type { Rule } from '../../types';
import { vaultRoleExists } from './role-exists';
import { vaultRoleBinding } from './role-binding';
import { vaultPathsGranted } from './paths-granted';
import { vaultGrantsDeclared } from './grants-declared';
import { vaultPrePopulateOnly } from './pre-populate-only';
import { vaultDeclarationsUsed } from './declarations-used';
import { vaultLeastPrivilegeAcl } from './least-privilege-acl';

export const RULES: readonly Rule[] = [vaultRoleExists, vaultRoleBinding, vaultPathsGranted, vaultGrantsDeclared, vaultPrePopulateOnly, vaultDeclarationsUsed, vaultLeastPrivilegeAcl];
