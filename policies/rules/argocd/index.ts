import type { Rule } from '../../types';
import { folderOwnership } from './folder-ownership';
import { applicationPaths } from './application-paths';
import { noDefaultProject } from './no-default-project';
import { automatedSync } from './automated-sync';
import { syncWaveOrder } from './sync-wave-order';
import { statefulProtection } from './stateful-protection';

export const RULES: readonly Rule[] = [folderOwnership, applicationPaths, noDefaultProject, automatedSync, syncWaveOrder, statefulProtection];
