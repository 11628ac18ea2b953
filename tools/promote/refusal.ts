// A promotion that must not happen: the message says why and what to do; nothing was written.
export class PromotionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromotionRefused';
  }
}
