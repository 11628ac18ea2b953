import type { Rule } from '../../types';
import { folderOwnership } from './folder-ownership';
import { applicationPaths } from './application-paths';
import { applicationProject } from './application-project';
import { automatedSync } from './automated-sync';
import { syncWaveOrder } from './sync-wave-order';
import { statefulProtection } from './stateful-protection';
import { hydratedSource } from './hydrated-source';
import { appOfAppsProject } from './app-of-apps-project';

export const RULES: readonly Rule[] = [folderOwnership, applicationPaths, applicationProject, automatedSync, syncWaveOrder, statefulProtection, hydratedSource, appOfAppsProject];
