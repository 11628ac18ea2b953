import type { Rule } from '../../types';
import { pinnedImages } from './pinned-images';

export const RULES: readonly Rule[] = [pinnedImages];
