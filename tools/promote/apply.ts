// Writes a planned promotion: the new dist/ (swapped in atomically) and then the target
// environment file (written beside it and renamed over it).
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../../render/pipeline';
import type { PromotionPlan } from './plan';

export function applyPromotion(plan: PromotionPlan, repoDir: string): void {
  writeAtomically(join(repoDir, 'dist'), plan.files);
  const temporary = `${plan.targetFile}.promote-${process.pid}`;
  writeFileSync(temporary, plan.targetText);
  renameSync(temporary, plan.targetFile);
}
