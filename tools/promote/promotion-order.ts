// Promotions go one step at a time along dev → staging → prod.
import { PromotionRefused } from './refusal';

export const PROMOTION_ORDER = ['dev', 'staging', 'prod'] as const;

export function assertPromotionStep(from: string, to: string): void {
  for (const env of [from, to]) {
    if (!(PROMOTION_ORDER as readonly string[]).includes(env)) {
      throw new PromotionRefused(`unknown environment ${JSON.stringify(env)}: expected one of ${PROMOTION_ORDER.join(', ')}`);
    }
  }
  const step = PROMOTION_ORDER.indexOf(to as never) - PROMOTION_ORDER.indexOf(from as never);
  if (step === 1) return;
  const order = PROMOTION_ORDER.join(' → ');
  if (step === 0) throw new PromotionRefused(`cannot promote ${from} to itself: promotions follow ${order}`);
  if (step < 0) throw new PromotionRefused(`cannot promote ${from} → ${to}: that goes backwards against ${order}`);
  const skipped = PROMOTION_ORDER.slice(PROMOTION_ORDER.indexOf(from as never) + 1, PROMOTION_ORDER.indexOf(to as never));
  throw new PromotionRefused(`cannot promote ${from} → ${to}: that skips ${skipped.join(', ')}; promote ${from} → ${skipped[0]} first (${order})`);
}
