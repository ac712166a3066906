import type { Clock } from '../../time/clock.js';

/** Tokens are counted in thousandths: with whole-number rates the sums stay exact. */
const MILLI = 1000;

/**
 * A token bucket: at most `perSecond` sends a second on average, with bursts of up to one
 * second's worth (at least one message).
 */
export class RateLimiter {
  // In fractions of a token, floats drift (999 ms at 1/s gave 0.999 tokens, then a 2 ms wait).
  private milliTokens: number;
  private readonly capacity: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
  ) {
    this.capacity = Math.max(1, perSecond) * MILLI;
    this.milliTokens = this.capacity;
    this.last = clock.now().toMillis();
  }

  /** Take a token if one is free (returns 0), else how many ms until one will be. */
  take(): number {
    const now = this.clock.now().toMillis();
    this.milliTokens = Math.min(this.capacity, this.milliTokens + (now - this.last) * this.perSecond);
    this.last = now;
    if (this.milliTokens >= MILLI) {
      this.milliTokens -= MILLI;
      return 0;
    }
    return Math.ceil((MILLI - this.milliTokens) / this.perSecond);
  }
}
