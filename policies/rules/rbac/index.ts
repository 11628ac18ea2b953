import type { Rule } from '../../types';
import { databaseNeighbours } from './database-neighbours';
import { execAccess } from './exec-access';

export const RULES: readonly Rule[] = [execAccess, databaseNeighbours];
